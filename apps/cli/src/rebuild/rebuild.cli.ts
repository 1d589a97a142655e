import { keepNewFilesPrivate } from '#api/offline';
import { consoleOutput } from '../command-line';
import { rebuildCommand } from './rebuild-command';

/** `npm run projections:rebuild` (README: "Projections"). */
keepNewFilesPrivate();
void rebuildCommand(process.argv.slice(2), process.env, consoleOutput).then((code) => {
  process.exitCode = code;
});
