import { consoleOutput } from '../command-line';
import { keepNewFilesPrivate } from '#api/offline';
import { restoreCommand } from './backup-commands';

/** `npm run restore -- <backup> [--data-dir <dir>]` (README: "Backup and restore"). */
keepNewFilesPrivate();
void restoreCommand(process.argv.slice(2), process.env, consoleOutput).then((code) => {
  process.exitCode = code;
});
