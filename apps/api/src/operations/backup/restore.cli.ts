import { consoleOutput } from '../command-line';
import { keepNewFilesPrivate } from '../../file-permissions/private-files';
import { restoreCommand } from './backup-commands';

/** `npm run restore -- <backup> [--data-dir <dir>]` (README: "Backup and restore"). */
keepNewFilesPrivate();
void restoreCommand(process.argv.slice(2), process.env, consoleOutput).then((code) => {
  process.exitCode = code;
});
