import { writeFileSync, readdirSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { complaint, person, startTestApp, type TestApp } from './support/test-app';
import { STORAGE, type Storage } from '../apps/api/src/storage/storage';

const staff = person('u-sam', 'staff');
const ops = person('u-olu', 'operations-manager');
const senior = person('u-sue', 'senior-manager');
const out: unknown[] = [];
const log = (label: string, r: { status: number; headers: any; text: string }) =>
  out.push({
    label,
    status: r.status,
    ct: r.headers['content-type'],
    text: (r.text ?? '').slice(0, 400),
  });
const walk = (dir: string): string[] => {
  try {
    return walk0(dir);
  } catch {
    return [];
  }
};
const walk0 = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk0(join(dir, e.name)) : [join(dir, e.name)],
  );

describe('review probes 3', () => {
  let api: TestApp;
  let caseId: string;
  beforeAll(async () => {
    api = await startTestApp();
    caseId = (
      await api.http
        .post('/api/v1/cases')
        .set(await api.auth(staff))
        .send(complaint())
    ).body.id;
  });
  afterAll(async () => {
    writeFileSync('/tmp/review/probe3.json', JSON.stringify(out, null, 1));
    await api.close();
  });
  const raw = async (path: string, body: string, actor = staff, ct = 'application/json') =>
    api.http
      .post(`/api/v1${path}`)
      .set(await api.auth(actor))
      .set('Content-Type', ct)
      .send(body);

  it('probes', async () => {
    await raw(
      `/cases/${caseId}/notes`,
      `{"text":"hi","constructor":{"prototype":{"x":1}},"valueOf":"v","__proto__":{"y":2}}`,
    );
    const db = new Database(join(api.dataDir, 'events.db'), { readonly: true });
    out.push({
      label: 'note stored',
      rows: db.prepare(`SELECT type, data FROM events WHERE type='NoteAdded'`).all(),
    });
    db.close();

    // depth threshold
    for (const depth of [500, 1000, 2000, 5000]) {
      const r = await raw(
        `/cases/${caseId}/notes`,
        `{"text":"x","z":${'['.repeat(depth)}${']'.repeat(depth)}}`,
      );
      out.push({ label: `depth ${depth}`, status: r.status, bytes: depth * 2 });
    }
    // gzip bomb over raw http
    const server = api.app.getHttpServer();
    if (!server.listening) await new Promise<void>((r) => server.listen(0, r));
    const port = server.address().port;
    const token = (await api.auth(staff)).Authorization;
    const send = (body: Buffer, headers: Record<string, string>) =>
      new Promise<{ status: number; text: string }>((resolve) => {
        const q = httpRequest(
          {
            port,
            method: 'POST',
            path: `/api/v1/cases/${caseId}/notes`,
            headers: { authorization: token, 'content-type': 'application/json', ...headers },
          },
          (res) => {
            let d = '';
            res.on('data', (c) => (d += c));
            res.on('end', () => resolve({ status: res.statusCode!, text: d }));
          },
        );
        q.end(body);
      });
    out.push({
      label: 'gzip bomb raw',
      ...(await send(gzipSync(Buffer.from(`{"text":"${'a'.repeat(5_000_000)}"}`)), {
        'content-encoding': 'gzip',
      })),
    });
    out.push({
      label: 'gzip ok raw',
      ...(await send(gzipSync(Buffer.from(`{"text":"zipped"}`)), { 'content-encoding': 'gzip' })),
    });
    out.push({
      label: 'gzip bad raw',
      ...(await send(Buffer.from('nope'), { 'content-encoding': 'gzip' })),
    });
    out.push({
      label: 'identity,gzip',
      ...(await send(Buffer.from('{"text":"x"}'), { 'content-encoding': 'identity, gzip' })),
    });

    // burned reference -> another case
    const storage = api.app.get<Storage>(STORAGE);
    const burned = await storage.references.next('DMM', 2026, caseId);
    const b = await api.http.get(`/api/v1/cases/by-reference/${burned}`).set(await api.auth(staff));
    out.push({ label: 'burned ref lookup', burned, status: b.status, gotRef: b.body.reference });

    // orphan blobs
    const before = walk(join(api.dataDir, 'documents')).length;
    const stale = await api.http
      .post(`/api/v1/cases/${caseId}/documents`)
      .set(await api.auth(staff))
      .set('If-Match', '"0"')
      .attach('file', Buffer.from('orphan content one'), 'o.txt');
    await raw(`/cases/${caseId}/close`, JSON.stringify({ reason: 'withdrawn' }));
    const closed = await api.http
      .post(`/api/v1/cases/${caseId}/documents`)
      .set(await api.auth(staff))
      .attach('file', Buffer.from('orphan content two'), 'o2.txt');
    const after = walk(join(api.dataDir, 'documents')).length;
    out.push({
      label: 'orphans',
      staleStatus: stale.status,
      closedStatus: closed.status,
      closedBody: closed.body,
      blobsBefore: before,
      blobsAfter: after,
    });

    // messages
    const c2 = (
      await api.http
        .post('/api/v1/cases')
        .set(await api.auth(staff))
        .send(complaint())
    ).body.id;
    log(
      'respond as quality',
      await raw(
        `/cases/${c2}/respond`,
        JSON.stringify({ summary: 'x', outcome: 'upheld' }),
        person('u-q', 'quality'),
      ),
    );
    log('ack as auditor', await raw(`/cases/${c2}/acknowledge`, '{}', person('u-a', 'auditor')));
    log(
      'receive as admin',
      await raw(`/cases`, JSON.stringify(complaint()), person('u-ad', 'admin')),
    );
    log(
      'guardian as quality',
      await raw(
        `/cases/${c2}/guardian-notification`,
        JSON.stringify({ guardianName: 'x', method: 'y' }),
        person('u-q', 'quality'),
      ),
    );
    // closed case note
    log('reopen open case', await raw(`/cases/${c2}/reopen`, JSON.stringify({ reason: 'x' }), ops));
    // validation message phrasing
    log(
      'validation phrasing',
      await raw(
        `/cases`,
        JSON.stringify({
          kind: 'complaint',
          channel: 'fax',
          summary: 'x'.repeat(201),
          complainant: { name: '', role: 'x' },
          foo: 1,
        }),
      ),
    );
    // If-Match with 412 after ConcurrencyError: currentRevision
    // escalate override by ops
    log(
      'override by ops',
      await raw(
        `/cases/${c2}/escalate`,
        JSON.stringify({ reason: 'x', override: { reason: 'y' } }),
        ops,
      ),
    );
    // staff with owner field naming someone else
    log(
      'staff sets owner',
      await raw(`/cases`, JSON.stringify(complaint({ owner: { id: 'u-victim', name: 'V' } }))),
    );
    log(
      'staff unknown role recipient id',
      await raw(`/cases`, JSON.stringify(complaint()), person('system-x', 'staff')),
    );
    // openapi
    const doc = await api.http.get('/api/docs-json');
    const paths = doc.body.paths as Record<
      string,
      Record<string, { responses: Record<string, unknown> }>
    >;
    out.push({
      label: 'openapi',
      ops: Object.entries(paths).flatMap(([p, ms]) =>
        Object.entries(ms).map(
          ([m, o]) => `${m.toUpperCase()} ${p}: ${Object.keys(o.responses).join(',')}`,
        ),
      ),
    });
  });
});
