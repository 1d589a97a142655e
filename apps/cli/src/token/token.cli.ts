import { keepNewFilesPrivate } from '#api/offline';
import { consoleOutput } from '../command-line';
import { tokenCommand } from './token-command';

/** `npm run token` (README: "Tokens"). */
keepNewFilesPrivate();
void tokenCommand(process.argv.slice(2), process.env, consoleOutput).then((code) => {
  process.exitCode = code;
});
