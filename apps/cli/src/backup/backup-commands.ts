import {
  count,
  parseCommandLine,
  progressPhases,
  runCommand,
  UsageError,
  type CommandOutput,
} from '../command-line';
import { embeddedDataDir } from './embedded-data-dir';
import type { BackupManifest } from './backup-manifest';
import { restoreBackup } from './restore-backup';
import { takeBackup } from './take-backup';

const BACKUP_USAGE =
  'Usage: npm run backup -- <backup directory to create> [--data-dir <dir>]   (default data dir: CLF_DATA_DIR, else ./data)';
const RESTORE_USAGE =
  'Usage: npm run restore -- <backup directory> [--data-dir <new or empty dir>] [--erasures-from <data dir>]   (default: CLF_DATA_DIR, else ./data; erasures from the directory the backup was taken from)';

/** Exit code of a backup that was written but found the data directory damaged. */
const BACKUP_WITH_WARNINGS = 2;

const number = (value: number) => value.toLocaleString('en-GB');
const size = (bytes: number) =>
  bytes < 1024 * 1024
    ? `${Math.ceil(bytes / 1024).toLocaleString('en-GB')} KB`
    : `${(bytes / 1024 / 1024).toFixed(1)} MB`;

function oneTarget(positionals: string[], what: string): string {
  if (positionals.length !== 1) throw new UsageError(`Give one ${what}.`);
  return positionals[0];
}

function backupProblems(manifest: BackupManifest): string[] {
  const { missing, damaged } = manifest.documents;
  return [
    ...missing.map(
      (sha256) =>
        `Warning: document ${sha256} is named by a case but is not in the data directory; the backup could not include it.`,
    ),
    ...damaged.map(
      (sha256) =>
        `Warning: document ${sha256} in the data directory no longer matches its SHA-256 (the file is damaged); it was left out of the backup.`,
    ),
  ];
}

/** `npm run backup -- <dir>`: an online backup of the embedded data directory. */
export function backupCommand(
  argv: string[],
  env: NodeJS.ProcessEnv,
  output: CommandOutput,
): Promise<number> {
  return runCommand(output, BACKUP_USAGE, 'The backup failed', async () => {
    const { values, positionals } = parseCommandLine(argv, { 'data-dir': { type: 'string' } });
    const target = oneTarget(positionals, 'backup directory to create');
    const dataDir = embeddedDataDir(env, values['data-dir']);
    const progress = progressPhases(output.progress);
    const started = performance.now();
    const manifest = await takeBackup({
      dataDir,
      target,
      // The copy goes by pages; the bar shows the same share of the snapshot's events.
      onEventsProgress: (copied, total, snapshotEvents) =>
        progress.update(
          'Backing up the event store',
          Math.round((snapshotEvents * copied) / Math.max(1, total)),
          snapshotEvents,
          'events',
          `Event store copied: ${count(snapshotEvents, 'event')}.`,
        ),
      onDocumentsProgress: (done, of) =>
        progress.update(
          'Copying documents',
          done,
          of,
          'documents',
          `Documents copied and checked: ${number(done)}.`,
        ),
    });
    progress.end();
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const problems = backupProblems(manifest);
    for (const problem of problems) output.err(problem);
    output.out(
      [
        `Backed up ${dataDir} as it was at ${manifest.takenAt} into ${target} in ${seconds} s:`,
        `  ${count(manifest.events.count, 'event')} (${count(manifest.events.cases, 'case')}, up to position ${number(manifest.events.headPosition)}), ` +
          `${count(manifest.documents.count, 'document')} (${size(manifest.documents.bytes)}), each checked against its SHA-256, ` +
          `${manifest.jwtSecret ? 'and the JWT secret' : 'no JWT secret file (the server uses CLF_JWT_SECRET, or has not started yet)'}.`,
        '  Left out: the read models, which the server rebuilds from the events. manifest.json lists every file with its SHA-256.',
        `  Restore with: npm run restore -- ${target} --data-dir <a new or empty directory>`,
      ].join('\n'),
    );
    return problems.length > 0 ? BACKUP_WITH_WARNINGS : 0;
  });
}

/** `npm run restore -- <backup> [--data-dir <dir>]`: a verified restore into a new data directory. */
export function restoreCommand(
  argv: string[],
  env: NodeJS.ProcessEnv,
  output: CommandOutput,
): Promise<number> {
  return runCommand(output, RESTORE_USAGE, 'The restore failed', async () => {
    const { values, positionals } = parseCommandLine(argv, {
      'data-dir': { type: 'string' },
      'erasures-from': { type: 'string' },
    });
    const backup = oneTarget(positionals, 'backup directory to restore');
    const dataDir = embeddedDataDir(env, values['data-dir']);
    const progress = progressPhases(output.progress);
    const report = await restoreBackup({
      backup,
      dataDir,
      erasuresFrom: values['erasures-from'],
      onFilesProgress: (done, of) =>
        progress.update(
          'Copying and checking files',
          done,
          of,
          'files',
          `Files copied, each matching the manifest: ${number(done)}.`,
        ),
      onVerifyProgress: (done, of) =>
        progress.update(
          'Verifying hash chains',
          done,
          of,
          'events',
          `Hash chains verified: ${count(done, 'event')}.`,
        ),
    });
    progress.end();
    for (const warning of report.warnings) output.err(`Warning: ${warning}`);
    const { manifest } = report;
    output.out(
      [
        `Restored the backup taken at ${manifest.takenAt} into ${report.dataDir}:`,
        `  ${count(manifest.events.count, 'event')} in ${count(report.verifiedStreams, 'stream')} (${count(manifest.events.cases, 'case')}), every hash chain intact; ` +
          `${count(manifest.documents.count, 'document')} and every other file matching the manifest's SHA-256.`,
        manifest.jwtSecret
          ? '  The JWT secret is restored: tokens signed before the backup still work.'
          : '  The backup holds no JWT secret: set CLF_JWT_SECRET as the old server had it, or a new secret is generated on first start (and older tokens stop working).',
        report.erasedAgain
          ? `  Personal data erased in ${report.erasedAgain.from} stays erased: ${count(report.erasedAgain.cases, 'case')} erased there ${report.erasedAgain.cases === 1 ? 'is' : 'are'} erased here too.`
          : '  No data directory to carry erasures from (the one the backup was taken from is gone): give --erasures-from <data dir> if another holds erasures made since the backup.',
        `  Start the server on it (CLF_DATA_DIR=${report.dataDir} npm start): on its first start it rebuilds the queue and reports from the events.`,
      ].join('\n'),
    );
    return 0;
  });
}
