import { consoleOutput } from '../command-line';
import { keepNewFilesPrivate } from '#api/offline';
import { demoCommand } from './demo-command';

/** `npm run demo` (README: "Demo data"). */
keepNewFilesPrivate();
void demoCommand(process.argv.slice(2), process.env, consoleOutput).then((code) => {
  process.exitCode = code;
});
