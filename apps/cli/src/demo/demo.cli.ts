import { runFromShell } from '../command-line';
import { demoCommand } from './demo-command';

/** `npm run demo` (README: "Demo data"). */
runFromShell(demoCommand);
