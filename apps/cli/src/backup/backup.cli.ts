import { consoleOutput } from '../command-line';
import { keepNewFilesPrivate } from '#api/offline';
import { backupCommand } from './backup-commands';

/** `npm run backup -- <directory>` (README: "Backup and restore"). */
keepNewFilesPrivate();
void backupCommand(process.argv.slice(2), process.env, consoleOutput).then((code) => {
  process.exitCode = code;
});
