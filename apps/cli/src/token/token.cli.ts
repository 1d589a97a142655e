import { runFromShell } from '../command-line';
import { tokenCommand } from './token-command';

/** `npm run token` (README: "Tokens"). */
runFromShell(tokenCommand);
