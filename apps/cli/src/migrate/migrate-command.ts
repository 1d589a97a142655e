import { loadConfig } from '#api/offline';
import { masterKeyOf } from '#personal-data';
import {
  count,
  parseCommandLine,
  progressPhases,
  runCommand,
  UsageError,
  type CommandOutput,
} from '../command-line';
import { requireEmbeddedProfile } from '../embedded-profile';
import { migrateStore } from './migrate-store';

const USAGE =
  'Usage: npm run migrate [-- --data-dir <dir>]   (default: CLF_DATA_DIR, else ./data; stop the server first)';

const DISTRIBUTED =
  'CLF_PROFILE=distributed: this version re-writes only an embedded data directory. An EventStoreDB store made before personal data was encrypted has to be re-written by replaying its streams into a new database (not provided yet).';

/** `npm run migrate`: re-writes an embedded store made before personal data was encrypted. */
export function migrateCommand(
  argv: string[],
  env: NodeJS.ProcessEnv,
  output: CommandOutput,
): Promise<number> {
  return runCommand(output, USAGE, 'The migration failed', async () => {
    const { values, positionals } = parseCommandLine(argv, { 'data-dir': { type: 'string' } });
    if (positionals.length > 0) throw new UsageError(`Unexpected: ${positionals.join(' ')}.`);
    const given = values['data-dir']?.trim();
    requireEmbeddedProfile(env, DISTRIBUTED);
    const config = loadConfig({ ...env, ...(given && { CLF_DATA_DIR: given }) });
    const progress = progressPhases(output.progress);
    const report = await migrateStore({
      dataDir: config.dataDir,
      masterKey: masterKeyOf(config.masterKey),
      onProgress: (done, of) =>
        progress.update(
          'Re-writing the events',
          done,
          of,
          'events',
          `Events re-written: ${count(done, 'event')}.`,
        ),
    });
    progress.end();
    if (!report) {
      output.out(
        `The store in ${config.dataDir} already keeps personal data encrypted (or holds no cases): nothing to do.`,
      );
      return 0;
    }
    output.out(
      [
        `Re-wrote ${count(report.events, 'event')} of ${count(report.cases, 'case')} in ${config.dataDir}, each case's personal data encrypted with its own key (${count(report.documents, 'document')} encrypted too); each case's record ends with the hash its old chain ended at.`,
        `  The old store is kept as ${report.keptEvents}${report.keptDocuments ? ` and the old documents as ${report.keptDocuments}` : ''}: they hold the personal data in clear. Delete them once the server has started on the new store and you have checked it.`,
        '  The read models are rebuilt from the new store when the server starts.',
      ].join('\n'),
    );
    return 0;
  });
}
