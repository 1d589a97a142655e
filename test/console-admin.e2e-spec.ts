import { setImmediate as nextTurn } from 'node:timers/promises';
import { ROLES, type Role } from '#domain';
import { RebuildInProgressError, type ReadSide } from '#read-models';
import { PROJECTIONS } from '../apps/api/src/projections/projections.module';
import { STORAGE, type Storage } from '../apps/api/src/storage/storage';
import { StaffDirectory } from '../apps/api/src/people/staff-directory';
import { addPeople, deactivate, signInToConsole } from './support/console';
import { forgeEvent } from './support/tampering';
import { complaint, person, startTestApp, type TestApp } from './support/test-app';

const ada = person('ada', 'admin');
const sam = person('sam', 'staff');

const ADMIN_PAGES = [
  '/admin',
  '/admin/read-models',
  '/admin/read-models/status',
  '/admin/read-models/rebuild',
  '/admin/jobs',
  '/admin/system',
];

/** Waits, turn by turn of the event loop, until no rebuild is running. */
async function rebuildFinished(projections: ReadSide): Promise<void> {
  while ((await projections.status())[0].rebuilding) await nextTurn();
}

describe('the administration pages', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp({ now: '2026-12-07T09:00:00Z' });
    await addPeople(t, ada, sam);
  });
  afterEach(() => t.close());

  describe('are for administrators only', () => {
    it.each(ROLES.filter((role) => role !== 'admin'))(
      'someone who is %s gets the “not allowed” page for every page and form',
      async (role) => {
        const someone = await signInToConsole(t, person(`p-${role}`, role as Role));
        for (const page of ADMIN_PAGES) {
          const answer = await someone.get(page);
          expect([page, answer.status]).toEqual([page, 403]);
          expect(answer.text).toContain('You cannot do that');
        }
        expect((await someone.post('/admin/jobs/sla-sweep/run')).status).toBe(403);
        expect((await someone.post('/admin/read-models/rebuild')).status).toBe(403);
        expect((await someone.post('/people/sam/tokens', { name: 'x' })).status).toBe(403);
        expect((await t.app.get<Storage>(STORAGE).jobRuns.latest('sla-sweep', 5)).length).toBe(0);
        expect(await t.app.get<Storage>(STORAGE).accounts.apiTokensOf('sam')).toEqual([]);
        expect((await someone.get('/')).text).not.toContain('href="/admin"');
      },
    );

    it('offers administrators the section in the navigation, and its hub links every part', async () => {
      const admin = await signInToConsole(t, ada);
      const hub = await admin.get('/admin');
      expect(hub.status).toBe(200);
      expect(hub.text).toContain('href="/admin"');
      for (const href of ['/people', '/admin/read-models', '/admin/jobs', '/admin/system'])
        expect(hub.text).toContain(`href="${href}"`);
    });

    it('starts an administrator, who sees no cases, at administration rather than a refused worklist', async () => {
      const admin = await signInToConsole(t, ada);
      const home = await admin.get('/');
      expect(home.status).toBe(303);
      expect(home.headers.location).toBe('/admin');
      const hub = await admin.get('/admin');
      expect(hub.text).not.toContain('>Worklist<');
      expect(hub.text).not.toContain('>Dashboard<');
    });
  });

  describe('scheduled jobs', () => {
    it('runs a job now and shows what the run did, without naming or describing any case', async () => {
      const id = await t.recordCase(sam, complaint({ summary: 'A private matter about Bea' }));
      t.clock.set('2026-12-14T09:00:00Z');
      const admin = await signInToConsole(t, ada);
      const before = await admin.get('/admin/jobs');
      expect(before.text).toContain('Missed deadlines');
      // The test server's timers are off: the page says so.
      expect(before.text).toContain(
        'Runs: Every 5 minutes, but the timers are off (CLF_SCHEDULER=off): it runs only when asked.',
      );
      const ran = await admin.post('/admin/jobs/sla-sweep/run');
      expect(ran.status).toBe(303);
      expect(ran.headers.location).toBe('/admin/jobs?ran=sla-sweep');
      const page = await admin.get(ran.headers.location);
      expect(page.text).toContain('it acted on 1 case of 1 case it looked at');
      expect(page.text).toContain('Deadline missed: 1');
      expect(page.text).toContain('Mon 14 Dec 2026, 9:00am');
      expect(page.text).not.toContain('A private matter');
      expect(page.text).not.toMatch(/DMM-\d{4}-\d+/);
      expect(page.text).not.toContain(id);
      const [run] = await t.app.get<Storage>(STORAGE).jobRuns.latest('sla-sweep', 5);
      expect(run).toMatchObject({
        job: 'sla-sweep',
        outcome: 'succeeded',
        actedOn: 1,
        examined: 1,
      });
    });

    it('lists the reminders and digest jobs, and says a run waits while no mail server is set', async () => {
      const admin = await signInToConsole(t, ada);
      const page = await admin.get('/admin/jobs');
      expect(page.text).toContain('Reminders to staff');
      expect(page.text).toContain('Daily digest');
      const ran = await admin.post('/admin/jobs/reminders/run');
      expect(ran.headers.location).toBe('/admin/jobs?ran=reminders');
      expect((await admin.get(ran.headers.location)).text).toContain(
        'no mail server is configured (CLF_SMTP_URL, CLF_MAIL_FROM)',
      );
    });

    it('checks every case’s chain now and says what it found, counting broken records without naming them', async () => {
      const forged = await t.recordCase(sam, complaint({ summary: 'A private matter about Bea' }));
      await t.recordCase(sam);
      forgeEvent(t.dataDir, forged);
      const admin = await signInToConsole(t, ada);
      expect((await admin.get('/admin/jobs')).text).toContain('It has not run yet.');
      const ran = await admin.post('/admin/jobs/chain-audit/run');
      expect(ran.status).toBe(303);
      const page = await admin.get('/admin/jobs');
      expect(page.text).toContain('2 cases, 2 events');
      expect(page.text).toContain('1 case does not verify');
      expect(page.text).not.toMatch(/DMM-\d{4}-\d+/);
      expect(page.text).not.toContain(forged);
      expect((await t.app.get<Storage>(STORAGE).chainAudits.latest())?.broken).toHaveLength(1);
    });

    it('does not start a job that is already running when the form is sent twice: says so, and runs it once', async () => {
      // Enough work that the first run is still under way when the second submit arrives.
      for (let n = 0; n < 20; n += 1) await t.recordCase(sam);
      t.clock.set('2026-12-14T09:00:00Z');
      const admin = await signInToConsole(t, ada);
      const answers = await Promise.all([
        admin.post('/admin/jobs/sla-sweep/run'),
        admin.post('/admin/jobs/sla-sweep/run'),
      ]);
      expect(answers.map((a) => a.status).sort()).toEqual([303, 409]);
      const refused = answers.find((a) => a.status === 409)!;
      expect(refused.text).toContain(
        'Missed deadlines job is already running, so it was not started again',
      );
      const runs = await t.app.get<Storage>(STORAGE).jobRuns.latest('sla-sweep', 5);
      expect(runs.map((run) => run.actedOn)).toEqual([20]);
    });

    it('records a run that failed, and the page says so and why', async () => {
      const projections = t.app.get<ReadSide>(PROJECTIONS);
      jest.spyOn(projections, 'store').mockImplementation(() => {
        throw new Error('the read models cannot be reached');
      });
      const admin = await signInToConsole(t, ada);
      const ran = await admin.post('/admin/jobs/auto-close/run');
      jest.restoreAllMocks();
      expect(ran.headers.location).toBe('/admin/jobs?ran=auto-close');
      const page = await admin.get(ran.headers.location);
      expect(page.text).toContain(
        'The Closing after silence job failed: Error: the read models cannot be reached.',
      );
      expect(page.text).toContain('govuk-tag--red');
      const [run] = await t.app.get<Storage>(STORAGE).jobRuns.latest('auto-close', 5);
      expect(run).toMatchObject({ outcome: 'failed', actedOn: 0 });
    });

    it('says a job is running when another server holds its lease', async () => {
      const storage = t.app.get<Storage>(STORAGE);
      await storage.leases.acquire('same-day-escalation', 'another-replica', 60_000);
      const admin = await signInToConsole(t, ada);
      const answer = await admin.post('/admin/jobs/same-day-escalation/run');
      expect(answer.status).toBe(409);
      expect(answer.text).toContain('Same-day escalation job is already running');
      expect(await storage.jobRuns.latest('same-day-escalation', 5)).toEqual([]);
    });

    it('refuses a form without its anti-forgery token, and a job that does not exist', async () => {
      const admin = await signInToConsole(t, ada);
      expect((await admin.post('/admin/jobs/sla-sweep/run', {}, { csrf: false })).status).toBe(403);
      expect((await admin.post('/admin/jobs/tidy-up/run')).status).toBe(404);
      expect(await t.app.get<Storage>(STORAGE).jobRuns.latest('sla-sweep', 5)).toEqual([]);
    });
  });

  describe('read models', () => {
    it('shows their status, asks before a rebuild, and rebuilds into a new generation', async () => {
      await t.recordCase(sam);
      const projections = t.app.get<ReadSide>(PROJECTIONS);
      const [{ generation }] = await projections.status();
      const admin = await signInToConsole(t, ada);
      const page = await admin.get('/admin/read-models');
      expect(page.text).toContain('Case queue');
      expect(page.text).toContain('href="/admin/read-models/rebuild"');
      const confirm = await admin.get('/admin/read-models/rebuild');
      expect(confirm.text).toContain('Yes, rebuild them');
      expect((await admin.post('/admin/read-models/rebuild', {}, { csrf: false })).status).toBe(
        403,
      );
      const asked = await admin.post('/admin/read-models/rebuild');
      expect(asked.status).toBe(303);
      expect(asked.headers.location).toBe('/admin/read-models?rebuild=rebuilding');
      expect((await admin.get(asked.headers.location)).text).toContain('The rebuild has started');
      await rebuildFinished(projections);
      const [after] = await projections.status();
      expect(after.generation).toBe(generation + 1);
      expect((await admin.get('/admin/read-models/status')).text).toContain('Up to date');
    });

    it('shows a rebuild’s progress while it runs, and refuses a second', async () => {
      const projections = t.app.get<ReadSide>(PROJECTIONS);
      const real = await projections.status();
      jest.spyOn(projections, 'status').mockResolvedValue(
        real.map((s) => ({
          ...s,
          rebuilding: true,
          rebuildProgress: { handled: 2500, of: 10000 },
        })),
      );
      jest.spyOn(projections, 'requestRebuild').mockRejectedValue(new RebuildInProgressError());
      const admin = await signInToConsole(t, ada);
      const page = await admin.get('/admin/read-models');
      expect(page.text).toContain('2500 of 10000 events replayed (25%)');
      expect(page.text).toContain('data-clf-refreshing');
      expect(page.text).toContain('<a class="govuk-link" href="/admin/read-models">Reload');
      const status = await admin.get('/admin/read-models/status');
      expect(status.text.trimStart()).toMatch(/^<div id="read-model-status"/);
      const again = await admin.post('/admin/read-models/rebuild');
      expect(again.status).toBe(409);
      expect(again.text).toContain('A rebuild is already running');
    });
  });

  describe('people', () => {
    it('shows the history of a person’s roles and access: who changed what, when, in local time', async () => {
      t.clock.set('2026-12-08T16:05:00Z');
      const admin = await signInToConsole(t, ada);
      await admin.post('/people/sam/roles', { roles: ['quality'] });
      await admin.post('/people/sam/deactivate');
      await admin.post('/people/sam/reactivate');
      const page = await admin.get('/people/sam');
      expect(page.status).toBe(200);
      const history = page.text.slice(page.text.indexOf('id="history"'));
      expect(history).toContain('Roles changed from Staff or lecturer to Quality');
      expect(history).toContain('Deactivated: could no longer sign in');
      expect(history).toContain('Reactivated');
      expect(history).toContain('Added, with the roles Staff or lecturer');
      expect(history).toContain('Tue 8 Dec 2026, 4:05pm');
      expect(history).toContain('Name of ada');
      expect(history.indexOf('Reactivated')).toBeLessThan(history.indexOf('Roles changed'));
      const people = await admin.get('/people');
      expect(people.text).toContain('<td class="govuk-table__cell">Quality</td>');
      expect(people.text).toContain('<td class="govuk-table__cell">Administrator</td>');
    });

    it('issues a token for a person (shown once), which works as them until an administrator revokes it', async () => {
      const admin = await signInToConsole(t, ada);
      const made = await admin.post('/people/sam/tokens', {
        name: 'exam board feed',
        expiresInDays: '30',
      });
      expect(made.status).toBe(200);
      const token = /<code id="new-token">(clf_[^<]+)<\/code>/.exec(made.text)![1];
      const bearer = { Authorization: `Bearer ${token}` };
      expect((await t.http.get('/api/v1/cases').set(bearer)).status).toBe(200);
      const page = await admin.get('/people/sam');
      expect(page.text).toContain('exam board feed');
      expect(page.text).not.toContain(token);
      const tokenId = /action="\/people\/sam\/tokens\/([^/]+)\/revoke"/.exec(page.text)![1];
      const revoked = await admin.post(`/people/sam/tokens/${tokenId}/revoke`);
      expect(revoked.headers.location).toBe('/people/sam?revoked=1');
      expect((await admin.get(revoked.headers.location)).text).toContain('The token was revoked');
      expect((await t.http.get('/api/v1/cases').set(bearer)).status).toBe(401);
    });

    it('gives no token to someone deactivated, nor to someone not in the directory', async () => {
      await deactivate(t, sam);
      const admin = await signInToConsole(t, ada);
      const refused = await admin.post('/people/sam/tokens', { name: 'feed', expiresInDays: '30' });
      expect(refused.status).toBe(400);
      expect(refused.text).toContain('is deactivated: reactivate them before giving them a token');
      expect((await admin.post('/people/nobody/tokens', { name: 'feed' })).status).toBe(404);
      expect(await t.app.get<Storage>(STORAGE).accounts.apiTokensOf('sam')).toEqual([]);
      expect((await t.app.get(StaffDirectory).findById('sam'))?.active).toBe(false);
    });
  });

  describe('the system', () => {
    it('shows the version, profile, data directory, the policy’s stages with deadlines, and health, without secrets', async () => {
      const admin = await signInToConsole(t, ada);
      const page = await admin.get('/admin/system');
      expect(page.status).toBe(200);
      expect(page.text).toContain('0.1.0');
      expect(page.text).toContain('Embedded (one server)');
      expect(page.text).toContain(t.dataDir);
      expect(page.text).toContain('Stage 1: Local resolution');
      expect(page.text).toContain('Acknowledge within 2 working days');
      expect(page.text).toContain('Ready to take work');
      expect(page.text).not.toContain('test-secret');
    });
  });
});
