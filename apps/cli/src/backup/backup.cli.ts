import { runFromShell } from '../command-line';
import { backupCommand } from './backup-commands';

/** `npm run backup -- <directory>` (README: "Backup and restore"). */
runFromShell(backupCommand);
