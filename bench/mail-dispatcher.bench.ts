import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { startMailServer } from '../test/support/mail-server';
import { startServer, type ServerProcess } from '../test/support/server-process';
import type { Measurement } from './event-store.bench';
import { BENCH_SECRET, bearer } from './post-cases.bench';

const FROM = 'complaints@provider.example';
const COMPLAINT = {
  kind: 'complaint',
  channel: 'email',
  summary: 'Mentor missed two sessions in a row',
  complainant: { name: 'Ada Learner', email: 'ada@example.org', role: 'learner' },
};

/** Cases, each with an acknowledgement by e-mail: the outbox's backlog, `parallel` at a time. */
async function fillOutbox(server: ServerProcess, letters: number, parallel = 8): Promise<void> {
  const [staff, manager] = await Promise.all([
    bearer('u-bench', ['staff']),
    bearer('u-olu', ['operations-manager']),
  ]);
  const post = async (path: string, token: string, body: object) => {
    const response = await fetch(`${server.url}/api/v1${path}`, {
      method: 'POST',
      headers: { authorization: token, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as { id: string };
  };
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < letters) {
        next += 1;
        const { id } = await post('/cases', staff, COMPLAINT);
        await post(`/cases/${id}/letters`, manager, {
          template: 'acknowledgement',
          channels: ['email'],
        });
      }
    }),
  );
}

/** Polls until `done()`, giving how long it took. */
async function timeUntil(done: () => boolean | Promise<boolean>, limitMs = 600_000) {
  const started = performance.now();
  while (!(await done())) {
    if (performance.now() - started > limitMs) throw new Error('not done in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return performance.now() - started;
}

/** How many events the read models are behind, as /health/ready tells. */
async function lagEvents(server: ServerProcess): Promise<number> {
  const body = (await (await fetch(`${server.url}/health/ready`)).json()) as {
    checks: { readModels: { lagEvents?: number } };
  };
  return body.checks.readModels.lagEvents ?? 0;
}

/**
 * POST /cases with 16 connections after a second's warm-up (`onMeasuring` is called between),
 * then how long the projections took to catch up.
 */
async function postCases(server: ServerProcess, seconds: number, onMeasuring = () => {}) {
  const token = await bearer('u-bench', ['staff']);
  const load = (duration: number) =>
    autocannon({
      url: `${server.url}/api/v1/cases`,
      method: 'POST',
      connections: 16,
      duration,
      headers: { authorization: token, 'content-type': 'application/json' },
      body: JSON.stringify({ ...COMPLAINT, channel: 'phone' }),
    });
  await load(1);
  onMeasuring();
  const result = await load(seconds);
  const catchUpMs = await timeUntil(async () => (await lagEvents(server)) === 0);
  return {
    perSecond: Math.round(result.requests.average),
    p99: result.latency.p99,
    failed: result.non2xx + result.errors + result.timeouts,
    catchUpMs: Math.round(catchUpMs),
  };
}

const inWords = (r: Awaited<ReturnType<typeof postCases>>) =>
  `${r.perSecond.toLocaleString('en-GB')} req/s, p99 ${r.p99} ms, projections caught up ${r.catchUpMs} ms after${r.failed ? `, ${r.failed} failed` : ''}`;

/**
 * The outbox on the embedded store, with the real server (one process: projections and the
 * dispatcher in it) and a loopback SMTP server (`smtp-server`, parsing each message back):
 * a backlog of e-mails is made without a mail server, copied three times, then (1) the
 * server starts with CLF_SMTP_URL and drains it — messages per second, each recorded as
 * `EmailDelivered` through the command path; (2) POST /cases under load with nothing to
 * send, and (3) the same load while the dispatcher drains the same backlog.
 */
export async function benchMailDispatcher(quick: boolean): Promise<Measurement[]> {
  const letters = quick ? 300 : 1_000;
  const seconds = quick ? 5 : 15;
  const env = { CLF_JWT_SECRET: BENCH_SECRET };
  const filled = mkdtempSync(join(tmpdir(), 'clf-bench-outbox-'));
  const copies = ['drain', 'quiet', 'sending'].map((name) => `${filled}-${name}`);
  const mail = await startMailServer();
  const smtp = { ...env, CLF_SMTP_URL: mail.url, CLF_MAIL_FROM: FROM };
  try {
    const filling = await startServer({ dataDir: filled, env });
    await fillOutbox(filling, letters);
    await filling.stop();
    for (const copy of copies) cpSync(filled, copy, { recursive: true });

    const drain = await startServer({ dataDir: copies[0], env: smtp });
    const drainMs = await timeUntil(() => mail.received.length >= letters);
    await drain.stop();
    mail.received.length = 0;
    const perSecond = Math.round(letters / (drainMs / 1000));

    const quietServer = await startServer({ dataDir: copies[1], env });
    const quiet = await postCases(quietServer, seconds);
    await quietServer.stop();

    const sendingServer = await startServer({ dataDir: copies[2], env: smtp });
    let sentBefore = 0;
    const sending = await postCases(sendingServer, seconds, () => {
      sentBefore = mail.received.length;
    });
    const sentDuringLoad = mail.received.length - sentBefore;
    await sendingServer.stop();

    return [
      {
        what: `mail dispatcher: a backlog of ${letters.toLocaleString('en-GB')} e-mails to a loopback SMTP server, each recorded as EmailDelivered`,
        target: '—',
        measured: `${perSecond.toLocaleString('en-GB')} messages/s (${(drainMs / 1000).toFixed(1)} s)`,
        pass: null,
        detail: { letters, drainMs: Math.round(drainMs), perSecond },
      },
      {
        what: 'POST /cases, 16 clients, one process: nothing to send',
        target: '—',
        measured: inWords(quiet),
        pass: null,
        detail: quiet,
      },
      {
        what: 'the same while the dispatcher sends the same backlog',
        target: 'not slower than without (within noise)',
        measured: `${inWords(sending)}; ${sentDuringLoad.toLocaleString('en-GB')} e-mails sent meanwhile`,
        pass: quick ? null : sending.perSecond >= quiet.perSecond * 0.9,
        detail: { ...sending, sentDuringLoad },
      },
    ];
  } finally {
    await mail.close();
    for (const dir of [filled, ...copies]) rmSync(dir, { recursive: true, force: true });
  }
}
