import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { issueToken } from '../apps/api/src/auth/issue-token';
import { spawnSync } from 'node:child_process';
import { buildServer, compiled, startServer, type ServerProcess } from './support/server-process';

const SECRET = 'crash-test-secret-that-is-long-enough-for-hs256-0123';
const CLIENTS = 16;
/** The server is killed once this many cases have been acknowledged with a 201. */
const KILL_AFTER_CREATED = 300;

interface Attempt {
  key: string;
  body: Record<string, unknown>;
  /** What the client heard: a status, or nothing (the connection died with the server). */
  status: number | null;
  id?: string;
  revision?: number;
  position?: number;
  receivedAt?: string;
  /** The acknowledgement sent after the 201, and what was heard of it. */
  acknowledged?: { status: number | null; revision?: number; position?: number };
}

const complaint = (n: number) => ({
  kind: 'complaint',
  channel: 'phone',
  summary: `Crash-test complaint ${n}`,
  complainant: { name: `Learner ${n}`, role: 'learner' },
  categories: ['crash-test'],
});

/** The checkpoint in the current read-model generation's file, read while the server is down. */
function storedCheckpoint(dataDir: string): { generation: number; checkpoint: number } {
  const directory = join(dataDir, 'read-models');
  // No `current` file: generation 1, which has never been replaced by a rebuild.
  let generation = 1;
  try {
    generation = Number(readFileSync(join(directory, 'current'), 'utf8').trim());
  } catch {
    // never rebuilt
  }
  // Not read-only: after a kill -9 the write-ahead log's index may need recovering, which a
  // read-only connection cannot do; it could then miss the last commits the server will see.
  const db = new Database(join(directory, `read-models-${generation}.db`), {
    fileMustExist: true,
  });
  try {
    const row = db.prepare('SELECT commit_position FROM checkpoint WHERE id = 1').get() as
      { commit_position: string } | undefined;
    return { generation, checkpoint: row ? Number(row.commit_position) : 0 };
  } finally {
    db.close();
  }
}

// The server as `npm start` runs it: compiled (into dist/, as `npm start` does), in a
// process of its own.
beforeAll(() => buildServer(), 300_000);

/**
 * Resolves once `enough` holds, or fails once every client has given up first (a server
 * that answers with errors must fail the test, not hang it).
 */
function whenEnough(enough: () => boolean, clients: Promise<unknown>[]): Promise<void> {
  let finished = 0;
  for (const client of clients) void client.finally(() => (finished += 1));
  return new Promise<void>((resolve, reject) => {
    const watch = setInterval(() => {
      if (enough()) resolve();
      else if (finished === clients.length)
        reject(new Error('every client stopped before enough was written'));
      else return;
      clearInterval(watch);
    }, 5);
  });
}
jest.setTimeout(180_000);

const bearer = async (sub: string, roles: string[]) => ({
  Authorization: `Bearer ${await issueToken(SECRET, { sub, name: sub, roles: roles as never })}`,
  'Content-Type': 'application/json',
});

/** A command over HTTP, and what came back. */
async function postJson(
  server: ServerProcess,
  path: string,
  headers: Record<string, string>,
  body: unknown,
) {
  const response = await fetch(`${server.url}/api/v1${path}`, {
    method: 'POST',
    headers,
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, never> };
}

describe('an acknowledged command survives kill -9 of the server (durability)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'clf-crash-'));
  const env = { CLF_JWT_SECRET: SECRET, LOG_LEVEL: 'info' };
  let server: ServerProcess;
  let staff: Record<string, string>;
  let manager: Record<string, string>;
  let admin: Record<string, string>;
  const attempts: Attempt[] = [];

  beforeAll(async () => {
    staff = await bearer('u-ann', ['staff']);
    manager = await bearer('u-olu', ['operations-manager']);
    admin = await bearer('u-adam', ['admin']);
    server = await startServer({ dataDir, env });
  });
  afterAll(async () => {
    await server?.stop();
  });

  const post = (path: string, headers: Record<string, string>, body: unknown) =>
    postJson(server, path, headers, body);

  /** One client: record a complaint, acknowledge it, again, until the server dies under it. */
  async function client(index: number, counter: { created: number; n: number }) {
    for (;;) {
      const n = counter.n++;
      const attempt: Attempt = {
        key: `crash-${index}-${n}`,
        body: complaint(n),
        status: null,
      };
      attempts.push(attempt);
      try {
        const created = await post(
          '/cases',
          { ...staff, 'Idempotency-Key': attempt.key },
          attempt.body,
        );
        attempt.status = created.status;
        if (created.status !== 201) return;
        attempt.id = created.body.id;
        attempt.revision = created.body.revision;
        attempt.position = created.body.position;
        attempt.receivedAt = (created.body.case as { receivedAt: string }).receivedAt;
        counter.created += 1;
        attempt.acknowledged = { status: null };
        const acknowledged = await post(`/cases/${attempt.id}/acknowledge`, staff, {
          method: 'phone',
        });
        attempt.acknowledged = {
          status: acknowledged.status,
          revision: acknowledged.body.revision,
          position: acknowledged.body.position,
        };
      } catch {
        return; // the server is gone: this request's fate is unknown to the client
      }
    }
  }

  it('keeps every case that got a 201, once, in its stream and in the queue, and resumes projections from their checkpoint', async () => {
    // Write under concurrent load, and kill the server while requests are in flight.
    const counter = { created: 0, n: 0 };
    const clients = Array.from({ length: CLIENTS }, (_, i) => client(i, counter));
    await whenEnough(() => counter.created >= KILL_AFTER_CREATED, clients);
    await server.kill9();
    await Promise.all(clients);

    const confirmed = attempts.filter((a) => a.status === 201);
    const unknown = attempts.filter((a) => a.status === null);
    expect(confirmed.length).toBeGreaterThanOrEqual(KILL_AFTER_CREATED);
    expect(attempts.every((a) => a.status === 201 || a.status === null)).toBe(true);
    const before = storedCheckpoint(dataDir);

    // Restart on the same data.
    server = await startServer({ dataDir, env });
    const resumed = server
      .logLines()
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .find((line) => line.msg === 'Read models resume from their checkpoint');
    expect(resumed).toMatchObject({
      generation: before.generation,
      checkpoint: before.checkpoint,
    });

    // Every 201 is there, with everything acknowledged of it since.
    for (const attempt of confirmed) {
      const response = await fetch(`${server.url}/api/v1/cases/${attempt.id}`, {
        headers: manager,
      });
      expect(response.status).toBe(200);
      const detail = (await response.json()) as { revision: number; status: string };
      const acknowledged = attempt.acknowledged?.status === 200;
      expect(detail.revision).toBeGreaterThanOrEqual(
        acknowledged ? attempt.acknowledged!.revision! : attempt.revision!,
      );
      if (acknowledged) expect(detail.status).toBe('acknowledged');
    }

    // A request the client never heard back about is retried with its key: it either was
    // stored (and the retry answers with that case) or was not (and is stored now) — once.
    for (const attempt of unknown) {
      const retried = await post(
        '/cases',
        { ...staff, 'Idempotency-Key': attempt.key },
        attempt.body,
      );
      expect(retried.status).toBe(201);
      attempt.id = retried.body.id;
      attempt.position = retried.body.position;
      attempt.receivedAt = (retried.body.case as { receivedAt: string }).receivedAt;
    }
    for (const attempt of confirmed.slice(0, 20)) {
      const again = await post(
        '/cases',
        { ...staff, 'Idempotency-Key': attempt.key },
        attempt.body,
      );
      expect(again.body.id).toBe(attempt.id);
    }

    // Each stream is whole: revisions without gaps or repeats, and its hash chain intact.
    const ids = attempts.map((a) => a.id!);
    expect(new Set(ids).size).toBe(attempts.length);
    for (const id of ids) {
      const verify = await fetch(`${server.url}/api/v1/cases/${id}/history/verify`, {
        headers: manager,
      });
      expect(await verify.json()).toMatchObject({ valid: true, brokenAtRevision: null });
    }

    // The queue holds every case exactly once, once it has caught up with the last write.
    const head = Math.max(
      ...attempts.flatMap((a) => [a.position ?? 0, a.acknowledged?.position ?? 0]),
    );
    const queued: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `?category=crash-test&limit=200${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await fetch(`${server.url}/api/v1/cases${query}`, {
        headers: { ...manager, 'X-CLF-Min-Position': String(head) },
      });
      expect(page.status).toBe(200);
      const body = (await page.json()) as { items: { id: string }[]; nextCursor: string | null };
      queued.push(...body.items.map((item) => item.id));
      cursor = body.nextCursor;
    } while (cursor);
    expect(queued).toHaveLength(ids.length);
    expect(new Set(queued)).toEqual(new Set(ids));

    // Nothing counted twice: the months' figures count each case once (London months:
    // a run that straddles midnight at a month's end is counted in both).
    const quality = `Bearer ${await issueToken(SECRET, { sub: 'u-q', name: 'Q', roles: ['quality'] })}`;
    const londonMonth = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Europe/London',
      year: 'numeric',
      month: '2-digit',
    });
    const months = new Set(attempts.map((a) => londonMonth.format(new Date(a.receivedAt!))));
    let received = 0;
    for (const month of months) {
      const monthly = await fetch(`${server.url}/api/v1/reports/monthly?month=${month}`, {
        headers: { Authorization: quality, 'X-CLF-Min-Position': String(head) },
      });
      expect(monthly.status).toBe(200);
      received += ((await monthly.json()) as { total: { received: { total: number } } }).total
        .received.total;
    }
    expect(received).toBe(ids.length);

    const status = await fetch(`${server.url}/api/v1/admin/projections`, { headers: admin });
    const projections = (await status.json()) as { generation: number; lagEvents: number }[];
    for (const projection of projections)
      expect(projection).toMatchObject({ generation: before.generation, lagEvents: 0 });
  });
});

describe('SIGTERM under load (graceful shutdown)', () => {
  it('answers the requests in flight, takes no new ones, exits 0, and has kept every 201', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'clf-sigterm-'));
    const env = { CLF_JWT_SECRET: SECRET, LOG_LEVEL: 'info' };
    const staff = await bearer('u-ann', ['staff']);
    let server = await startServer({ dataDir, env });
    const heard: Array<{ status: number | null; id?: string }> = [];
    let created = 0;
    const client = async () => {
      for (;;) {
        const outcome: { status: number | null; id?: string } = { status: null };
        heard.push(outcome);
        try {
          const response = await postJson(server, '/cases', staff, complaint(heard.length));
          outcome.status = response.status;
          if (response.status !== 201) return;
          outcome.id = response.body.id;
          created += 1;
        } catch {
          return; // the server has closed the connection, or takes no more
        }
      }
    };
    const clients = Array.from({ length: 8 }, client);
    try {
      await whenEnough(() => created >= 100, clients);
    } finally {
      await server.stop(); // SIGTERM, and wait for the exit
    }
    await Promise.all(clients);

    expect(server.child.exitCode).toBe(0);
    const logged = server.logLines().map((line) => JSON.parse(line) as { msg?: string });
    expect(logged.some((line) => line.msg?.startsWith('CLF stopping'))).toBe(true);
    // Each request was answered as stored (201) or as refused for the shutdown (503), or
    // found the server gone; never a failure of another kind.
    for (const outcome of heard) expect([null, 201, 503]).toContain(outcome.status);

    server = await startServer({ dataDir, env });
    try {
      for (const { id } of heard.filter((outcome) => outcome.status === 201)) {
        const response = await fetch(`${server.url}/api/v1/cases/${id}`, { headers: staff });
        expect(response.status).toBe(200);
      }
    } finally {
      await server.stop();
    }
  });
});

describe('npm run token', () => {
  const tokenCli = (args: string[], dataDir: string) =>
    spawnSync(
      process.execPath,
      [compiled('apps', 'cli', 'src', 'token', 'token.cli.js'), ...args],
      {
        env: { PATH: process.env.PATH ?? '', CLF_DATA_DIR: dataDir },
        encoding: 'utf8',
      },
    );

  it('prints a token signed with the secret the server generated into its data directory', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'clf-token-'));
    // No CLF_JWT_SECRET: the server makes one on first start, and the command reads it.
    const server = await startServer({ dataDir, env: { LOG_LEVEL: 'warn' } });
    try {
      const printed = tokenCli(['--sub', 'u1', '--name', 'Ann Lee', '--roles', 'staff'], dataDir);
      expect(printed.status).toBe(0);
      const token = printed.stdout.trim();
      const created = await postJson(
        server,
        '/cases',
        { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        complaint(1),
      );
      expect(created.status).toBe(201);
      expect((created.body.case as { recipient: unknown }).recipient).toEqual({
        id: 'u1',
        name: 'Ann Lee',
      });
    } finally {
      await server.stop();
    }
  });

  it('refuses a role it does not know, naming the ones it does', () => {
    const printed = tokenCli(
      ['--sub', 'u1', '--roles', 'staff,superuser'],
      mkdtempSync(join(tmpdir(), 'clf-token-')),
    );
    expect(printed.status).toBe(2);
    expect(printed.stderr).toContain('Unknown role superuser');
    expect(printed.stderr).toContain('Roles: staff, operations-manager');
    expect(printed.stdout).toBe('');
  });

  it('answers --help with how to call it', () => {
    const printed = tokenCli(['--help'], mkdtempSync(join(tmpdir(), 'clf-token-')));
    expect(printed.stderr).toBe('');
    expect(printed.status).toBe(0);
    expect(printed.stdout).toMatch(/^Usage: npm run -s token -- --sub <id>/);
  });
});

describe('the data directory is for the server’s account only', () => {
  /** Every folder and file under `root`, itself included, with its permission bits in octal. */
  const modesUnder = (root: string): Array<{ path: string; mode: string }> => {
    const stats = statSync(root);
    const here = { path: root, mode: (stats.mode & 0o777).toString(8) };
    return stats.isDirectory()
      ? [here, ...readdirSync(root).flatMap((name) => modesUnder(join(root, name)))]
      : [here];
  };

  it('creates folders 0700 and files 0600, and makes private, saying so, what was left readable', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'clf-private-')), 'data');
    mkdirSync(dataDir);
    chmodSync(dataDir, 0o755);
    // As a version that did not keep its files private left them.
    writeFileSync(join(dataDir, 'jwt-secret'), SECRET);
    chmodSync(join(dataDir, 'jwt-secret'), 0o644);
    const server = await startServer({ dataDir, env: { LOG_LEVEL: 'info' } });
    try {
      const headers = await bearer('u-ann', ['staff']);
      const created = await postJson(server, '/cases', headers, complaint(1));
      expect(created.status).toBe(201);
      const form = new FormData();
      form.append('file', new Blob(['Phone call notes']), 'notes.txt');
      const attached = await fetch(`${server.url}/api/v1/cases/${created.body.id}/documents`, {
        method: 'POST',
        headers: { Authorization: headers.Authorization },
        body: form,
      });
      expect(attached.status).toBe(200);
    } finally {
      await server.stop();
    }
    const told = server
      .logLines()
      .map((line) => JSON.parse(line) as { msg?: string; changed?: Array<{ path: string }> })
      .find((line) => line.changed !== undefined);
    expect(told?.msg).toMatch(/other accounts could read/);
    expect(told?.changed?.map((change) => change.path)).toEqual(
      expect.arrayContaining([dataDir, join(dataDir, 'jwt-secret')]),
    );
    const modes = modesUnder(dataDir);
    expect(modes.some(({ path }) => path.includes('documents'))).toBe(true);
    for (const { path, mode } of modes)
      expect({ path, mode }).toEqual({ path, mode: statSync(path).isDirectory() ? '700' : '600' });
  });
});
