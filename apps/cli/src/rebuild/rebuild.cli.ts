import { runFromShell } from '../command-line';
import { rebuildCommand } from './rebuild-command';

/** `npm run projections:rebuild` (README: "Projections"). */
runFromShell(rebuildCommand);
