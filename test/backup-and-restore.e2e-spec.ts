import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import Database from 'better-sqlite3';
import { CommandBus } from '@nestjs/cqrs';
import type { RecordedEvent } from '#event-store';
import type { ReceiveCaseRequest } from '../apps/api/src/cases/case-requests';
import { CaseCommandMessage } from '../apps/api/src/cases/commands/case-command.message';
import { ReceiveCaseCommand } from '../apps/api/src/cases/commands/receive-case.command';
import { backupCommand, restoreCommand } from '../apps/cli/src/backup/backup-commands';
import { readManifest } from '../apps/cli/src/backup/backup-manifest';
import { restoreBackup } from '../apps/cli/src/backup/restore-backup';
import { takeBackup } from '../apps/cli/src/backup/take-backup';
import { STORAGE, type Storage } from '../apps/api/src/storage/storage';
import { capturedOutput } from '../apps/cli/src/testing/captured-output';
import { complaint, person, startTestApp, type TestApp } from './support/test-app';

const ann = person('u-ann', 'staff');
const ops = person('u-olu', 'operations-manager');
const auditor = person('u-audrey', 'auditor');

const PDF = Buffer.concat([
  Buffer.from('%PDF-1.7\n'),
  Buffer.alloc(3000, 0x41),
  Buffer.from('\n%%EOF\n'),
]);
/** Long details make the store many pages, so the backup takes many steps. */
const LONG = 'The learner explained at length. '.repeat(500);

const scratch = () => mkdtempSync(join(tmpdir(), 'clf-backup-'));
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Every folder and file under `root`, itself included, with its permission bits. */
function modesUnder(root: string): Array<{ path: string; directory: boolean; mode: number }> {
  const stats = statSync(root);
  const here = { path: root, directory: stats.isDirectory(), mode: stats.mode & 0o777 };
  if (!here.directory) return [here];
  return [here, ...readdirSync(root).flatMap((name) => modesUnder(join(root, name)))];
}

async function allEvents(api: TestApp): Promise<RecordedEvent[]> {
  return api.app.get<Storage>(STORAGE).events.readAll({ maxCount: 1_000_000 });
}

const identity = ({ id, stream, revision, position, hash }: RecordedEvent) => ({
  id,
  stream,
  revision,
  position: Number(position.commit),
  hash,
});

async function download(api: TestApp, caseId: string, documentId: string): Promise<Buffer> {
  const response = await api.http
    .get(`/api/v1/cases/${caseId}/documents/${documentId}`)
    .set(await api.auth(auditor))
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
  expect(response.status).toBe(200);
  return response.body as Buffer;
}

describe('an online backup, restored onto a new server', () => {
  let original: TestApp;
  let restored: TestApp | undefined;
  afterEach(async () => {
    await original?.close();
    await restored?.close();
  });

  it('is the store at one instant — every stream a whole prefix — however the server keeps writing, and restores with documents, history, hash chains and queue', async () => {
    original = await startTestApp({ now: '2026-11-23T10:00:00Z' });
    const secret = 'a-generated-secret-as-the-server-writes-it-0123456789';
    writeFileSync(join(original.dataDir, 'jwt-secret'), secret, { mode: 0o600 });
    const post = async (
      actor = ann,
      path = '/cases',
      body: object = complaint({ details: LONG }),
    ) => {
      const response = await original.http
        .post(`/api/v1${path}`)
        .set(await original.auth(actor))
        .send(body);
      expect(response.status).toBeLessThan(300);
      return response.body as { id: string; reference: string; position: number };
    };
    const withLetter = await post(
      ann,
      '/cases',
      complaint({ formality: 'formal', channel: 'letter' }),
    );
    const attached = await original.http
      .post(`/api/v1/cases/${withLetter.id}/documents`)
      .set(await original.auth(ann))
      .attach('file', PDF, { filename: 'letter.pdf' });
    expect(attached.status).toBe(200);
    const documentId = attached.body.case.documents[0].id;
    const compliment = await post(ann, '/cases', {
      kind: 'compliment',
      channel: 'email',
      summary: 'Great induction',
      complainant: { name: 'Bea', role: 'learner' },
    });
    const toAcknowledge = await post();
    for (let n = 0; n < 30; n += 1) await post();
    const before = {
      detail: (
        await original.http.get(`/api/v1/cases/${withLetter.id}`).set(await original.auth(ops))
      ).body,
      history: (
        await original.http
          .get(`/api/v1/cases/${withLetter.id}/history`)
          .set(await original.auth(ops))
      ).body,
    };

    // While the copy runs, people keep recording cases over HTTP …
    let writing = true;
    const overHttp: Array<{ id: string; position: number }> = [];
    const writer = (async () => {
      while (writing) overHttp.push(await post(ops));
    })();
    // … and, between two steps of the copy, through the command bus: a new case and an acknowledgement.
    const commands = original.app.get(CommandBus);
    const context = { actor: ann, correlationId: 'during-backup' };
    const duringCopy: Array<Promise<{ id: string; position: number }>> = [];
    const target = join(scratch(), 'backup-2026-11-23');
    const manifest = await takeBackup({
      dataDir: original.dataDir,
      target,
      pagesPerStep: 2,
      onEventsProgress: (copied, total) => {
        if (duringCopy.length === 0 && copied > 0 && copied < total)
          duringCopy.push(
            commands.execute(
              new ReceiveCaseCommand(complaint({ summary: 'Mid-backup' }) as ReceiveCaseRequest, {
                context,
              }),
            ),
            commands.execute(
              new CaseCommandMessage(
                toAcknowledge.id,
                { type: 'AcknowledgeCase', actor: ann, data: {} },
                { context },
              ),
            ),
          );
      },
    });
    writing = false;
    await writer;
    const [midCase, acknowledgement] = await Promise.all(duringCopy);

    // The writes during the copy committed after the snapshot, and are not in it.
    expect(
      overHttp.filter((c) => c.position > manifest.events.headPosition).length,
    ).toBeGreaterThan(1);
    expect(midCase.position).toBeGreaterThan(manifest.events.headPosition);
    expect(acknowledgement.position).toBeGreaterThan(manifest.events.headPosition);
    const stored = await allEvents(original);
    const atSnapshot = stored.filter(
      (e) => Number(e.position.commit) <= manifest.events.headPosition,
    );
    expect(stored.length).toBeGreaterThan(atSnapshot.length);
    expect(manifest.events).toMatchObject({
      count: atSnapshot.length,
      cases: new Set(atSnapshot.map((e) => e.stream)).size,
    });
    expect(manifest.documents).toMatchObject({ count: 1, missing: [], damaged: [] });
    expect(manifest.files.map((f) => f.path)).toEqual([
      'events.db',
      // Where the document's sealed bytes are kept: their own SHA-256, not the PDF's.
      expect.stringMatching(/^documents\/[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f]{64}$/),
      'jwt-secret',
      'accounts.db',
      'case-keys.db',
      'master.key',
      'staff-notifications.db',
    ]);
    expect(readdirSync(target).sort()).toEqual([
      'accounts.db',
      'case-keys.db',
      'documents',
      'events.db',
      'jwt-secret',
      'manifest.json',
      'master.key',
      'staff-notifications.db',
    ]);

    const dataDir = join(scratch(), 'restored');
    const report = await restoreBackup({ backup: target, dataDir });
    expect(report.verifiedStreams).toBe(manifest.events.streams);
    expect(readdirSync(dataDir).sort()).toEqual([
      'accounts.db',
      'case-keys.db',
      'documents',
      'events.db',
      'jwt-secret',
      'master.key',
      'staff-notifications.db',
    ]); // no read models, no sessions, no checkpoints
    expect(readFileSync(join(dataDir, 'jwt-secret'), 'utf8')).toBe(secret);
    expect(statSync(join(dataDir, 'jwt-secret')).mode & 0o777).toBe(0o600);

    restored = await startTestApp({ dataDir, now: '2026-11-23T10:00:00Z' });
    // Exactly the events committed by the snapshot, in order, with their hashes: each stream a whole prefix.
    expect((await allEvents(restored)).map(identity)).toEqual(atSnapshot.map(identity));
    const restoredApi = restored;
    const get = async (path: string) =>
      restoredApi.http.get(`/api/v1${path}`).set(await restoredApi.auth(ops));
    expect((await get(`/cases/${withLetter.id}`)).body).toEqual(before.detail);
    expect((await get(`/cases/${withLetter.id}/history`)).body).toEqual(before.history);
    expect((await download(restored, withLetter.id, documentId)).equals(PDF)).toBe(true);
    expect((await get(`/cases/${toAcknowledge.id}`)).body.status).toBe('open'); // acknowledged only after the snapshot
    expect((await get(`/cases/${midCase.id}`)).status).toBe(404);
    for (const stream of new Set(atSnapshot.map((e) => e.stream))) {
      const verified = await get(`/cases/${stream.slice('clfcase-'.length)}/history/verify`);
      expect(verified.body).toMatchObject({ valid: true, brokenAtRevision: null });
    }

    // The read models were rebuilt from the first event: the queue holds every case of the snapshot.
    const queue = await restoredApi.http
      .get('/api/v1/cases?status=open,acknowledged,responded,closed&limit=200')
      .set(await restoredApi.auth(ops))
      .set('X-CLF-Min-Position', String(manifest.events.headPosition));
    expect(queue.status).toBe(200);
    const inSnapshot = new Set(atSnapshot.map((e) => e.stream.slice('clfcase-'.length)));
    expect(new Set(queue.body.items.map((s: { id: string }) => s.id))).toEqual(inSnapshot);
    expect(inSnapshot.has(compliment.id)).toBe(true);
    expect(overHttp.some((c) => inSnapshot.has(c.id))).toBe(
      overHttp.some((c) => c.position <= manifest.events.headPosition),
    );

    // The reference counter came back too: the next case takes the next number after the snapshot's last.
    const references = queue.body.items.map((s: { reference: string }) =>
      Number(s.reference.slice(-5)),
    );
    const next = await restoredApi.http
      .post('/api/v1/cases')
      .set(await restoredApi.auth(ann))
      .send(complaint());
    expect(Number(next.body.reference.slice(-5))).toBe(Math.max(...references) + 1);
  }, 30_000); // two servers, a backup and a restore: seconds on a busy machine
});

describe('backup and restore refuse, in a sentence', () => {
  let dataDir: string;
  let backup: string;
  beforeAll(async () => {
    const api = await startTestApp({ now: '2026-11-23T10:00:00Z' });
    const created = await api.http
      .post('/api/v1/cases')
      .set(await api.auth(ann))
      .send(complaint());
    await api.http
      .post(`/api/v1/cases/${created.body.id}/documents`)
      .set(await api.auth(ann))
      .attach('file', PDF, { filename: 'letter.pdf' });
    await api.http
      .post(`/api/v1/cases/${created.body.id}/acknowledge`)
      .set(await api.auth(ann))
      .send({});
    await api.close();
    dataDir = api.dataDir;
    backup = join(scratch(), 'backup');
    const { output, out } = capturedOutput();
    expect(await backupCommand([backup], { CLF_DATA_DIR: dataDir }, output)).toBe(0);
    expect(out()).toMatch(
      /^Backed up .* into .*backup in [\d.]+ s:\n {2}3 events \(1 case, up to position 3\), 1 document \(/,
    );
  });

  const run = async (
    command: typeof backupCommand,
    argv: string[],
    env: NodeJS.ProcessEnv = {},
  ) => {
    const captured = capturedOutput();
    const code = await command(argv, env, captured.output);
    return { code, out: captured.out(), err: captured.err() };
  };

  /** A copy of the backup, changed by `tamper`. */
  const doctored = (tamper: (copy: string) => void) => {
    const copy = join(scratch(), 'doctored');
    cpSync(backup, copy, { recursive: true });
    tamper(copy);
    return copy;
  };

  it('keeps everything in a backup for the owner only: folders 0700, files 0600', () => {
    const modes = modesUnder(backup);
    expect(modes.length).toBeGreaterThan(3);
    for (const { path, directory, mode } of modes)
      expect({ path, mode: mode.toString(8) }).toEqual({ path, mode: directory ? '700' : '600' });
  });

  it('will not overwrite a backup, or back up a directory with no store', async () => {
    const taken = await run(backupCommand, [backup], { CLF_DATA_DIR: dataDir });
    expect(taken).toMatchObject({ code: 1, out: '' });
    expect(taken.err).toBe(
      `${backup} already exists. A backup never overwrites anything: give a name that is not taken.`,
    );
    const empty = scratch();
    const none = await run(backupCommand, [join(scratch(), 'b')], { CLF_DATA_DIR: empty });
    expect(none.code).toBe(1);
    expect(none.err).toContain(`There is no CLF event store in ${empty} (no events.db)`);
    expect(existsSync(join(empty, 'events.db'))).toBe(false);
  });

  it('points the distributed profile to mongodump and EventStoreDB’s own backup', async () => {
    for (const command of [backupCommand, restoreCommand]) {
      const refused = await run(command, [backup], { CLF_PROFILE: 'distributed' });
      expect(refused.code).toBe(1);
      expect(refused.err).toMatch(/EventStoreDB .*mongodump/);
    }
  });

  it('says how to call it when the arguments are wrong', async () => {
    const none = await run(backupCommand, [], { CLF_DATA_DIR: dataDir });
    expect(none).toMatchObject({ code: 2 });
    expect(none.err).toContain('Usage: npm run backup -- <backup directory to create>');
    const unknown = await run(restoreCommand, [backup, '--into', 'x']);
    expect(unknown.err).toMatch(/^Unknown option '--into'/);
  });

  it('restores only into a new or empty directory', async () => {
    const busy = scratch();
    writeFileSync(join(busy, 'events.db'), 'precious');
    const refused = await run(restoreCommand, [backup, '--data-dir', busy]);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain(`${busy} is not empty (it holds events.db)`);
    expect(readFileSync(join(busy, 'events.db'), 'utf8')).toBe('precious');

    const empty = scratch();
    const done = await run(restoreCommand, [backup], { CLF_DATA_DIR: empty });
    expect(done.code).toBe(0);
    expect(done.out).toContain('3 events in 1 stream (1 case), every hash chain intact');
    expect(readdirSync(empty).sort()).toEqual([
      'accounts.db',
      'case-keys.db',
      'documents',
      'events.db',
      'master.key',
      'staff-notifications.db',
    ]);
  });

  it('refuses a backup whose document no longer matches its SHA-256', async () => {
    const copy = doctored((dir) => {
      const [file] = filesUnder(join(dir, 'documents'));
      writeFileSync(file, Buffer.concat([PDF, Buffer.from('x')]));
    });
    const target = join(scratch(), 'never');
    const refused = await run(restoreCommand, [copy, '--data-dir', target]);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(
      /^documents\/.* in the backup does not match the SHA-256 its manifest gives/,
    );
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(join(target, '..'))).toEqual([]); // nothing half-restored beside it either
  });

  it('refuses a backup whose event was changed, even with the manifest made to match: the hash chain names the case', async () => {
    const copy = doctored((dir) => {
      const db = new Database(join(dir, 'events.db'));
      db.prepare(
        "UPDATE events SET data = json_set(data, '$.summary', 'Nothing to see') WHERE revision = 0",
      ).run();
      const reference = (
        db
          .prepare("SELECT json_extract(data, '$.reference') AS r FROM events WHERE revision = 0")
          .get() as { r: string }
      ).r;
      db.close();
      const manifestFile = join(dir, 'manifest.json');
      const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
      manifest.files[0].sha256 = sha256(readFileSync(join(dir, 'events.db')));
      manifest.files[0].bytes = statSync(join(dir, 'events.db')).size;
      writeFileSync(manifestFile, JSON.stringify({ ...manifest, reference }));
    });
    const reference = JSON.parse(readFileSync(join(copy, 'manifest.json'), 'utf8')).reference;
    const refused = await run(restoreCommand, [copy, '--data-dir', join(scratch(), 'never')]);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(
      new RegExp(
        `^Case ${reference} \\(stream clfcase-[0-9a-f-]+\\): its hash chain breaks at revision 0`,
      ),
    );
  });

  it('still backs up a data directory whose document was damaged, says so (exit 2), and the restore warns of it', async () => {
    const damagedDir = scratch();
    cpSync(dataDir, damagedDir, { recursive: true });
    const [document] = filesUnder(join(damagedDir, 'documents'));
    const storedAs = basename(document);
    writeFileSync(document, 'overwritten by accident');
    const target = join(scratch(), 'backup');
    const taken = await run(backupCommand, [target], { CLF_DATA_DIR: damagedDir });
    expect(taken.code).toBe(2);
    expect(taken.err).toContain(
      `Warning: document ${storedAs} in the data directory no longer matches its SHA-256`,
    );
    const manifest = await readManifest(target);
    expect(manifest.documents).toEqual({ count: 0, bytes: 0, missing: [], damaged: [storedAs] });
    expect(filesUnder(join(target, 'documents'))).toEqual([]);

    const restored = await run(restoreCommand, [target, '--data-dir', join(scratch(), 'restored')]);
    expect(restored.code).toBe(0);
    expect(restored.err).toContain(`Warning: Document ${storedAs} was already missing or damaged`);
  });

  it('refuses what is not a backup, and a manifest that names files outside the backup', async () => {
    const notBackup = await run(restoreCommand, [scratch(), '--data-dir', join(scratch(), 'x')]);
    expect(notBackup.err).toMatch(/is not a CLF backup: it has no manifest\.json/);
    const escaping = doctored((dir) => {
      const manifestFile = join(dir, 'manifest.json');
      const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
      manifest.files.push({ path: '../../etc/cron.d/evil', bytes: 1, sha256: '0'.repeat(64) });
      writeFileSync(manifestFile, JSON.stringify(manifest));
    });
    const refused = await run(restoreCommand, [escaping, '--data-dir', join(scratch(), 'x')]);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('its manifest has an entry it cannot use');
    await expect(readManifest(escaping)).rejects.toThrow(/cannot use/);
  });
});

/** Every file under a directory. */
function filesUnder(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}
