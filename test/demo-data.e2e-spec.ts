import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CASE_CATEGORY } from '#domain';
import { loadConfig } from '../apps/api/src/config/app-config';
import { MailQueue } from '../apps/api/src/correspondence/mail-queue';
import { STORAGE, type Storage } from '../apps/api/src/storage/storage';
import { AccountService } from '../apps/api/src/people/account.service';
import { demoCommand } from '../apps/cli/src/demo/demo-command';
import { DEMO_MAILBOX, loadDemo, type DemoSummary } from '../apps/cli/src/demo/demo-loader';
import { STORY_TYPES } from '../apps/cli/src/demo/demo-year';
import { capturedOutput } from '../apps/cli/src/testing/captured-output';
import { person, SECRET, startTestApp, type TestApp } from './support/test-app';
import { readModelsCaughtUp } from './support/read-models';

const END = '2026-11-23T10:00:00Z';
const quality = person('u-quinn', 'quality');
const ops = person('u-olu', 'operations-manager');

/** Playing a year runs the scheduled jobs every morning of it: seconds, on a busy machine. */
const YEAR_TIMEOUT_MS = 30_000;

const scratch = () => mkdtempSync(join(tmpdir(), 'clf-demo-'));
const settings = (dataDir: string, policy = 'dmm') =>
  loadConfig({ CLF_DATA_DIR: dataDir, CLF_JWT_SECRET: SECRET, CLF_POLICY: policy });

interface HistoryEvent {
  type: string;
  actor: { id: string; roles: string[] };
}

// Signing in six people checks six scrypt hashes (N = 2^15) one after another: seconds on two busy cores.
jest.setTimeout(30_000);

describe('the demo year, loaded through the command path', () => {
  let api: TestApp;
  let summary: DemoSummary;
  beforeAll(async () => {
    const dataDir = scratch();
    summary = await loadDemo({
      config: settings(dataDir),
      cases: 60,
      seed: 7,
      force: false,
      end: new Date(END),
    });
    api = await startTestApp({ dataDir, now: END });
  }, YEAR_TIMEOUT_MS);
  afterAll(() => api.close());

  const get = async (path: string, actor = quality) => {
    const response = await api.http.get(`/api/v1${path}`).set(await api.auth(actor));
    expect(response.status).toBe(200);
    return response.body;
  };
  const history = async (story: string): Promise<HistoryEvent[]> =>
    (await get(`/cases/${summary.year.examples[story]}/history`, ops)).events;
  /** Each month's report over the demo year, summed. */
  const yearOfMonthlyReports = async () => {
    const totals: Record<string, Record<string, number>> = {};
    for (const month of [
      '2025-11',
      '2025-12',
      ...Array.from({ length: 11 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`),
    ]) {
      const [report] = (await get(`/reports/monthly?month=${month}`)).months;
      for (const [section, counts] of Object.entries({
        byKind: report.received.byKind,
        byFormality: report.received.byFormality,
        closed: report.closed.byReason,
        escalations: report.escalations,
      }))
        for (const [key, count] of Object.entries(counts as Record<string, number>))
          (totals[section] ??= {})[key] = (totals[section][key] ?? 0) + count;
      for (const [stage, { late }] of Object.entries(
        report.responses as Record<string, { late: number }>,
      ))
        (totals.lateResponses ??= {})[stage] = (totals.lateResponses[stage] ?? 0) + late;
    }
    return totals;
  };

  it('puts its people in the directory and gives one per role a password to sign in with', async () => {
    expect(summary.signIns.map((signIn) => signIn.roles[0]).sort()).toEqual([
      'admin',
      'auditor',
      'data-protection',
      'operations-manager',
      'quality',
      'senior-manager',
      'staff',
    ]);
    const accounts = api.app.get(AccountService);
    for (const { email, password } of summary.signIns)
      expect((await accounts.signIn(email, password, '127.0.0.1')).outcome).toBe('signed-in');
  });

  it('tells every story, with no step refused by the policy', () => {
    expect(summary.year.refusals).toEqual([]);
    expect(summary.year.cases).toBe(60);
    expect(Object.keys(summary.year.examples).sort()).toEqual(
      STORY_TYPES.map((s) => s.name).sort(),
    );
  });

  it('gives the monthly reports both kinds of feedback, both formalities and every close reason', async () => {
    const totals = await yearOfMonthlyReports();
    expect(Object.keys(totals.byKind).sort()).toEqual(['complaint', 'compliment', 'suggestion']);
    expect(Object.keys(totals.byFormality).sort()).toEqual(['formal', 'informal']);
    expect(Object.keys(totals.closed).sort()).toEqual([
      'no-further-correspondence',
      'redirected-to-appeals',
      'referred-externally',
      'resolved',
      'resolved-at-first-contact',
      'withdrawn',
    ]);
    expect(Object.keys(totals.escalations).sort()).toEqual(['to-stage-2', 'to-stage-3']);
    expect(Object.values(totals.lateResponses).some((late) => late > 0)).toBe(true);
  });

  it('takes formal complaints through every stage to the funding body in the Board report', async () => {
    const reports = [
      await get('/reports/annual?year=2025'),
      await get('/reports/annual?year=2026'),
    ];
    const stages = new Set(reports.flatMap((r) => Object.keys(r.furthestStage)));
    expect([...stages].sort()).toEqual(['stage-2', 'stage-3', 'stage-4']);
    expect(reports.reduce((sum, r) => sum + r.referredExternally, 0)).toBeGreaterThan(0);
  });

  it('files cases under themes, and leaves open, owned and overdue work in the queue and on the dashboard', async () => {
    const themes = await get('/reports/themes?from=2025-11&to=2026-11');
    expect(themes.categories.length).toBeGreaterThanOrEqual(5);
    const dashboard = await get('/dashboard', ops);
    expect(dashboard.open.total).toBeGreaterThan(0);
    expect(dashboard.overdue).toBeGreaterThan(0);
    const queue = await get('/cases?limit=200', ops);
    expect(queue.items.length).toBe(dashboard.open.total);
    expect(queue.items.some((s: { owner: unknown }) => s.owner !== null)).toBe(true);
  });

  it('is the work of people in their roles and of the scheduled jobs', async () => {
    const slipped = await history('slipped');
    expect(slipped.at(-1)).toMatchObject({
      type: 'DeadlineMissed',
      actor: { id: 'system:sla-sweep' },
    });
    const autoClosed = await history('formal-auto-closed');
    expect(autoClosed.at(-1)).toMatchObject({
      type: 'CaseClosed',
      actor: { id: 'system:auto-close' },
    });
    const review = await history('senior-review');
    expect(review.filter((e) => e.type === 'CaseResponded').map((e) => e.actor.roles)).toEqual([
      ['operations-manager'],
      ['senior-manager'],
    ]);
    const late = await history('late-review-request');
    expect(late.map((e) => e.type)).toEqual(
      expect.arrayContaining(['CaseReopened', 'CaseEscalated']),
    );
    expect(summary.year.jobEvents).toMatchObject({
      DeadlineMissed: expect.any(Number),
      CaseClosed: expect.any(Number),
    });
  });

  it('writes to complainants by e-mail and post, the e-mails waiting in the outbox, and extends a few deadlines', async () => {
    const events = await api.app
      .get<Storage>(STORAGE)
      .events.readAll({ category: CASE_CATEGORY, maxCount: 100_000 });
    const letters = events
      .filter((e) => e.type === 'CorrespondenceSent')
      .map((e) => e.data as { template: string; channels: string[] });
    expect(new Set(letters.map((l) => l.template))).toEqual(
      new Set(['acknowledgement', 'response']),
    );
    expect(new Set(letters.flatMap((l) => l.channels))).toEqual(new Set(['email', 'post']));
    const emailed = letters.filter((l) => l.channels.includes('email')).length;
    expect(emailed).toBeGreaterThan(0);
    await readModelsCaughtUp(api.app);
    expect((await api.app.get(MailQueue).current()).waiting).toHaveLength(emailed);
    expect(events.filter((e) => e.type === 'DeadlineExtended').length).toBeGreaterThan(0);
    expect(events.some((e) => e.type === 'EmailDelivered' || e.type === 'EmailFailed')).toBe(false);
  });

  it('tells staff as the scheduler would: reminders, missed deadlines and digests, each once, into the demo mailbox', async () => {
    const { staffNotices } = summary.year;
    expect(staffNotices['deadline-reminder']).toBeGreaterThan(0);
    expect(staffNotices['deadline-missed']).toBeGreaterThan(0);
    expect(staffNotices.digest).toBeGreaterThan(0);
    const sent = Object.values(staffNotices).reduce((sum, n) => sum + n, 0);
    const mailbox = readdirSync(join(api.dataDir, DEMO_MAILBOX));
    expect(mailbox.filter((name) => name.endsWith('.eml'))).toHaveLength(sent);
    const logged = await api.app.get<Storage>(STORAGE).staffNotifications.recent(sent + 1);
    expect(logged).toHaveLength(sent);
    expect(logged.every((notice) => notice.sentAt !== null)).toBe(true);
  });

  it('includes a representative authorised by an uploaded document, and an under-18 learner whose guardian was told', async () => {
    const represented = await get(
      `/cases/${summary.year.examples['raised-by-representative']}`,
      ops,
    );
    expect(represented.representative).not.toBeNull();
    expect(represented.flags).not.toContain('representative-unauthorised');
    const authorisation = represented.documents.at(-1);
    expect(authorisation.mediaType).toBe('application/pdf');
    const file = await api.http
      .get(`/api/v1/cases/${represented.id}/documents/${authorisation.id}`)
      .set(await api.auth(ops));
    expect(file.status).toBe(200);
    const young = await get(`/cases/${summary.year.examples['under-18']}`, ops);
    expect(young.complainant.under18).toBe(true);
    expect(young.flags).not.toContain('guardian-decision-pending');
  });
});

describe('the demo loader', () => {
  it(
    'plays MaCTRI’s policy too: its scheduler moves unresolved informal complaints on, and nothing is refused',
    async () => {
      const year = (
        await loadDemo({
          config: settings(scratch(), 'mactri'),
          cases: 30,
          seed: 11,
          force: false,
          end: new Date(END),
        })
      ).year;
      expect(year.refusals).toEqual([]);
      expect(year.jobEvents.CaseEscalated).toBeGreaterThan(0);
    },
    YEAR_TIMEOUT_MS,
  );

  it(
    'refuses a store that already holds cases, unless forced',
    async () => {
      const dataDir = scratch();
      const first = await loadDemo({
        config: settings(dataDir),
        cases: 5,
        seed: 1,
        force: false,
        end: new Date(END),
      });
      await expect(
        loadDemo({
          config: settings(dataDir),
          cases: 5,
          seed: 1,
          force: false,
          end: new Date(END),
        }),
      ).rejects.toThrow(
        `${dataDir} already holds cases. The demo loads into an empty store; add --force`,
      );
      const again = await loadDemo({
        config: settings(dataDir),
        cases: 5,
        seed: 2,
        force: true,
        end: new Date(END),
      });
      expect(again.events).toBeGreaterThan(first.events);
    },
    YEAR_TIMEOUT_MS,
  );

  it(
    'prints what it loaded and how to look at it, and says what is wrong with its arguments',
    async () => {
      const dataDir = scratch();
      const env = { CLF_DATA_DIR: dataDir, CLF_JWT_SECRET: SECRET };
      const run = capturedOutput();
      expect(await demoCommand(['--cases', '20'], env, run.output, () => new Date(END))).toBe(0);
      const printed = run.out();
      expect(printed).toMatch(
        /^Loaded 20 cases received from 23 Nov 2025 to 23 Nov 2026 in [\d.]+ s: [\d,]+ events/,
      );
      expect(printed).toContain(`CLF_DATA_DIR=${dataDir} npm run -s token -- --sub u-olu`);
      expect(printed).toContain(
        'curl -s localhost:3000/api/v1/dashboard -H "Authorization: Bearer $OPS"',
      );
      expect(printed).toContain("curl -s 'localhost:3000/api/v1/reports/annual?year=2026'");
      expect(run.progress()).toContain('Loading a year of demo cases: 100% 20/20 cases');

      const refused = capturedOutput();
      expect(await demoCommand([], env, refused.output, () => new Date(END))).toBe(1);
      expect(refused.err()).toContain('already holds cases');
      const wrong = capturedOutput();
      expect(await demoCommand(['--cases', 'lots'], env, wrong.output)).toBe(2);
      expect(wrong.err()).toMatch(
        /^--cases takes a whole number from 1 to 50,000\.\nUsage: npm run demo/,
      );
    },
    YEAR_TIMEOUT_MS,
  );
});
