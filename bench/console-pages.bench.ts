import { Agent, get } from 'node:http';
import { userCommand } from '../apps/cli/src/user/user-command';
import type { ServerProcess } from '../test/support/server-process';
import type { Measurement } from './event-store.bench';
import { percentile } from './percentile';

/** The person the console pages are measured as: sees every case, as a manager does. */
const MANAGER = { email: 'bench.manager@college.example', password: 'bench manager passphrase' };

const quiet = {
  out: () => {},
  err: (line: string) => process.stderr.write(`${line}\n`),
  progress: process.stderr,
};

/** Puts an administrator and an operations manager with passwords in the directory, as `npm run user` does. */
export async function addConsolePeople(env: NodeJS.ProcessEnv): Promise<void> {
  const add = async (email: string, roles: string, password: string) => {
    const code = await userCommand(
      ['add', '--email', email, '--name', email.split('@')[0], '--roles', roles],
      env,
      quiet,
      async () => password,
    );
    if (code !== 0) throw new Error(`npm run user add ${email}: exit ${code}`);
  };
  await add('bench.admin@college.example', 'admin', 'bench admin passphrase');
  await add(MANAGER.email, 'operations-manager', MANAGER.password);
}

const cookieOf = (response: Response) =>
  response.headers
    .getSetCookie()
    .find((c) => c.startsWith('clf-session='))
    ?.split(';')[0] ?? '';

/** Signs in through the sign-in form, as a browser does; gives the session cookie. */
export async function signIn(server: ServerProcess): Promise<string> {
  const form = await fetch(`${server.url}/sign-in`);
  const visitor = cookieOf(form);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
  const signedIn = await fetch(`${server.url}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: visitor, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email: MANAGER.email, password: MANAGER.password, _csrf: csrf }),
  });
  if (signedIn.status !== 303) throw new Error(`signing in: HTTP ${signedIn.status}`);
  return cookieOf(signedIn);
}

const agent = new Agent({ keepAlive: true, maxSockets: 1 });

function page(url: string, cookie: string): Promise<void> {
  return new Promise((resolve, reject) => {
    get(url, { agent, headers: { cookie } }, (response) => {
      response.on('data', () => {});
      response.on('end', () =>
        response.statusCode === 200
          ? resolve()
          : reject(new Error(`${url}: HTTP ${response.statusCode}`)),
      );
    }).on('error', reject);
  });
}

/** Each page in turn, `count` requests one at a time after a warm-up: p50 and p95 at the client. */
export async function timePages(urls: string[], count: number, cookie: string) {
  for (const url of urls) await page(url, cookie); // warm-up
  const timings: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const started = performance.now();
    await page(urls[i % urls.length], cookie);
    timings.push(performance.now() - started);
  }
  timings.sort((a, b) => a - b);
  return { p50: percentile(timings, 50), p95: percentile(timings, 95) };
}

/** The console's busiest pages, one request at a time, timed at the client. */
export async function benchConsolePages(
  server: ServerProcess,
  { quick, label, caseReference }: { quick: boolean; label: string; caseReference: string },
): Promise<Measurement[]> {
  const cookie = await signIn(server);
  const count = quick ? 200 : 1_000;
  const worklist = await timePages(
    [
      '/',
      '/?tab=overdue',
      '/?tab=unassigned&kind=complaint',
      '/?tab=closed',
      '/?q=number%204711',
    ].map((path) => `${server.url}${path}`),
    count,
    cookie,
  );
  const casePage = await timePages([`${server.url}/cases/${caseReference}`], count, cookie);
  const dashboard = await timePages([`${server.url}/dashboard`], quick ? 50 : 200, cookie);
  const fmt = (p: { p50: number; p95: number }) =>
    `p95 ${p.p95.toFixed(2)} ms (p50 ${p.p50.toFixed(2)} ms)`;
  return [
    {
      what: `console worklist page (50 rows; 5 tabs and filters; ${label}), at a client`,
      target: 'p95 ≤ 50 ms',
      measured: fmt(worklist),
      pass: worklist.p95 <= 50,
      detail: worklist,
    },
    {
      what: `console dashboard page (4 charts, 12 months of on-time rates; ${label}), at a client`,
      target: 'p95 ≤ 50 ms',
      measured: fmt(dashboard),
      pass: dashboard.p95 <= 50,
      detail: dashboard,
    },
    {
      what: `console case page (100 events, ${label}), at a client`,
      target: 'p95 ≤ 30 ms',
      measured: fmt(casePage),
      pass: casePage.p95 <= 30,
      detail: casePage,
    },
  ];
}
