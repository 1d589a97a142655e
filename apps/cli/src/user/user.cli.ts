import { runFromShell } from '../command-line';
import { userCommand } from './user-command';

/** `npm run user` (README: "People"). */
runFromShell(userCommand);
