import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { CommandBus } from '@nestjs/cqrs';
import { monthsBetween } from '#calendar';
import { CASE_CATEGORY, type CaseDecider } from '#domain';
import type { EventStore, Position } from '#event-store';
import type { CaseProjections } from '#read-models';
import {
  AccountService,
  CASE_DECIDER,
  createAppContext,
  JobRunner,
  LetterWriter,
  mailboxTransport,
  PROJECTIONS,
  StaffNotifications,
  StaffDirectory,
  STORAGE,
  type AppConfig,
  type Storage,
} from '#api';
import { OperationRefusedError } from '../operation-refused.error';
import { addDemoPeople, type DemoSignIn } from './demo-directory';
import { playDemoYear, type DemoYear } from './demo-year';
import { SteppingClock } from './stepping-clock';

export interface DemoOptions {
  config: AppConfig;
  cases: number;
  seed: number;
  /** Load on top of cases already there. */
  force: boolean;
  /** The end of the demo year: now, unless a test says otherwise. */
  end: Date;
  onReceived?(received: number, of: number): void;
}

/** What the queue and the reports show once the year is loaded. */
export interface DemoSummary {
  year: DemoYear;
  events: number;
  received: Record<string, number>;
  closed: Record<string, number>;
  open: { total: number; overdue: number; unassigned: number };
  /** One person per role, to sign in as. */
  signIns: DemoSignIn[];
}

/** Where the demo's e-mails to staff go, in its data directory: the demo sends nothing out. */
export const DEMO_MAILBOX = 'demo-mailbox';
/** Their sender, unless CLF_MAIL_FROM names one. */
const DEMO_MAIL_FROM = 'CLF demo <clf-demo@localhost>';

/** How long the loader waits for the read models to take in the last event. */
const READ_MODELS_WAIT_MS = 60_000;

async function countCaseEvents(events: EventStore): Promise<number> {
  let count = 0;
  let after: Position | undefined;
  for (;;) {
    const batch = await events.readAll({ after, category: CASE_CATEGORY, maxCount: 10_000 });
    if (batch.length === 0) return count;
    count += batch.length;
    after = batch[batch.length - 1].position;
  }
}

const prefixed = (totals: Record<string, number>, prefix: string) =>
  Object.fromEntries(
    Object.entries(totals)
      .filter(([metric]) => metric.startsWith(prefix))
      .map(([metric, value]) => [metric.slice(prefix.length), value]),
  );

async function summarise(
  signIns: DemoSignIn[],
  year: DemoYear,
  storage: Storage,
  projections: CaseProjections,
  decider: CaseDecider,
): Promise<DemoSummary> {
  const head = await storage.events.headPosition(CASE_CATEGORY);
  if (head && !(await projections.reached(head.commit, READ_MODELS_WAIT_MS)))
    throw new Error('the read models did not catch up with the demo data within a minute');
  const { calendar } = decider;
  const months = monthsBetween(
    calendar.localDateOf(year.from).slice(0, 7),
    calendar.localDateOf(year.to).slice(0, 7),
  );
  const store = projections.store();
  const { totals } = await store.facts(months);
  const now = year.to.toISOString();
  const open = await store.openCounts({ scope: 'all' }, now, now);
  return {
    signIns,
    year,
    events: await countCaseEvents(storage.events),
    received: prefixed(totals, 'received.kind.'),
    closed: prefixed(totals, 'closed.'),
    open: { total: open.total, overdue: open.overdue, unassigned: open.unassigned },
  };
}

/**
 * Loads a year of demo feedback into the configured store through the application itself:
 * a Nest application context on the configured profile with a clock the loader steps
 * through the year, the CQRS command bus for every act and the job runner for the
 * scheduled jobs. Refuses a store that already holds cases unless forced.
 */
export async function loadDemo(options: DemoOptions): Promise<DemoSummary> {
  const config: AppConfig = { ...options.config, scheduler: false }; // the loader runs the jobs itself
  if (config.profile === 'embedded') mkdirSync(config.dataDir, { recursive: true });
  const clock = new SteppingClock(options.end);
  const app = await createAppContext(config, clock.now);
  try {
    const storage = app.get<Storage>(STORAGE);
    if (!options.force && (await storage.events.headPosition(CASE_CATEGORY)) !== null)
      throw new OperationRefusedError(
        `${config.profile === 'embedded' ? config.dataDir : 'The configured store'} already holds cases. The demo loads into an empty store; add --force to load a demo year on top of them.`,
      );
    const decider = app.get<CaseDecider>(CASE_DECIDER);
    const signIns = await addDemoPeople(app.get(StaffDirectory), app.get(AccountService));
    // Reminders and digests go to a folder, even with a mail server set: demo people are not real.
    app
      .get(StaffNotifications)
      .sendThrough(
        mailboxTransport(join(config.dataDir, DEMO_MAILBOX)),
        config.correspondence.mailFrom ?? DEMO_MAIL_FROM,
      );
    const year = await playDemoYear({
      cases: options.cases,
      seed: options.seed,
      end: options.end,
      policy: decider.policy,
      calendar: decider.calendar,
      clock,
      commands: app.get(CommandBus),
      jobs: app.get(JobRunner),
      letters: app.get(LetterWriter),
      staging: storage.staging,
      onReceived: options.onReceived,
    });
    return await summarise(signIns, year, storage, app.get<CaseProjections>(PROJECTIONS), decider);
  } finally {
    await app.close();
  }
}
