import { loadConfig } from '#api';
import {
  parseOptions,
  progressPhases,
  runCommand,
  UsageError,
  type CommandOutput,
} from '../command-line';
import { DEMO_MAILBOX, loadDemo, type DemoSummary } from './demo-loader';

const DEMO_USAGE =
  'Usage: npm run demo -- [--cases 1500] [--seed 2026] [--force]   (into CLF_DATA_DIR, else ./data)';

const DEFAULT_CASES = 1500;
const MAX_CASES = 50_000;
const DEFAULT_SEED = 2026;

const number = (value: number) => value.toLocaleString('en-GB');
const listed = (counts: Record<string, number>) =>
  Object.entries(counts)
    .sort(([, a], [, b]) => b - a)
    .map(([name, count]) => `${name} ${number(count)}`)
    .join(', ');

function wholeNumber(value: string | undefined, option: string, fallback: number, max: number) {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!/^\d+$/.test(value) || parsed < 1 || parsed > max)
    throw new UsageError(`${option} takes a whole number from 1 to ${number(max)}.`);
  return parsed;
}

/** What was loaded, and how to look at it. */
function report(summary: DemoSummary, seconds: number, env: NodeJS.ProcessEnv): string[] {
  const { year } = summary;
  const day = (date: Date) =>
    date.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });
  const dataDir = env.CLF_DATA_DIR?.trim() ? `CLF_DATA_DIR=${env.CLF_DATA_DIR.trim()} ` : '';
  const lines = [
    `Loaded ${number(year.cases)} cases received from ${day(year.from)} to ${day(year.to)} in ${seconds.toFixed(1)} s: ` +
      `${number(summary.events)} events in the store, recorded through the same commands and scheduled jobs as the API.`,
    `  Received: ${listed(summary.received)}.`,
    `  Closed: ${listed(summary.closed)}.`,
    `  Open now: ${number(summary.open.total)} (${number(summary.open.overdue)} overdue, ${number(summary.open.unassigned)} unassigned).`,
    `  Recorded by the scheduled jobs: ${listed(year.jobEvents) || 'nothing'}.`,
    `  E-mailed to staff by the reminders and digest jobs (kept as .eml files in ${DEMO_MAILBOX}/ of the data directory): ${listed(year.staffNotices) || 'nothing'}.`,
  ];
  if (year.refusals.length > 0)
    lines.push(
      `  The policy refused ${number(year.refusals.length)} step(s), and those cases stopped there — first: ${year.refusals[0].story}, ${year.refusals[0].command}: ${year.refusals[0].reason}`,
    );
  lines.push(
    '',
    'Sign in as one of these people (the passwords are new each time the demo loads):',
    ...summary.signIns.map(
      ({ email, password, roles }) =>
        `  ${email.padEnd(32)} ${password.padEnd(18)} ${roles.join(', ')}`,
    ),
    '',
    'Look at it: start the server in another terminal,',
    `  ${dataDir}npm start`,
    'open http://localhost:3000/dashboard and sign in as one of the people above; or from the API:',
    `  OPS=$(${dataDir}npm run -s token -- --sub u-olu --name "Olu Okafor" --roles operations-manager)`,
    `  curl -s localhost:3000/api/v1/dashboard -H "Authorization: Bearer $OPS"`,
    `  curl -s 'localhost:3000/api/v1/reports/annual?year=${year.to.getUTCFullYear()}' -H "Authorization: Bearer $OPS"`,
  );
  return lines;
}

/** `npm run demo`: a realistic year of feedback, loaded through the command path. */
export function demoCommand(
  argv: string[],
  env: NodeJS.ProcessEnv,
  output: CommandOutput,
  end: () => Date = () => new Date(),
): Promise<number> {
  return runCommand(output, DEMO_USAGE, 'Loading the demo data failed', async () => {
    const values = parseOptions(argv, {
      cases: { type: 'string' },
      seed: { type: 'string' },
      force: { type: 'boolean', default: false },
    });
    const cases = wholeNumber(values.cases, '--cases', DEFAULT_CASES, MAX_CASES);
    const seed = wholeNumber(values.seed, '--seed', DEFAULT_SEED, 2 ** 31);
    const config = loadConfig(env);
    const progress = progressPhases(output.progress);
    const started = performance.now();
    const summary = await loadDemo({
      config,
      cases,
      seed,
      force: values.force ?? false,
      end: end(),
      onReceived: (done, of) =>
        progress.update(
          'Loading a year of demo cases',
          done,
          of,
          'cases',
          `Recorded ${number(done)} cases.`,
        ),
    });
    progress.end();
    for (const line of report(summary, (performance.now() - started) / 1000, env)) output.out(line);
    return 0;
  });
}
