import { runFromShell } from '../command-line';
import { restoreCommand } from './backup-commands';

/** `npm run restore -- <backup> [--data-dir <dir>]` (README: "Backup and restore"). */
runFromShell(restoreCommand);
