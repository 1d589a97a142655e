import { runFromShell } from '../command-line';
import { migrateCommand } from './migrate-command';

/** `npm run migrate [-- --data-dir <dir>]` (README: "Personal data"). */
runFromShell(migrateCommand);
