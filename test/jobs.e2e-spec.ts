import { ModuleRef } from '@nestjs/core';
import { SchedulerRegistry } from '@nestjs/schedule';
import type { Actor } from '#domain';
import { CLOCK, STORAGE, type Storage } from '../apps/api/src/storage/storage';
import { JobRunner } from '../apps/api/src/jobs/job-runner.service';
import { JobTimers } from '../apps/api/src/jobs/job-timers';
import { InProcessJobLeases } from '#scheduling';
import { secondJobRunner } from './support/second-job-runner';
import { complaint, person, startTestApp, type TestApp } from './support/test-app';

const ann = person('u-ann', 'staff');
const ops = person('u-olu', 'operations-manager');
const admin = person('u-adam', 'admin');

interface HistoryEvent {
  type: string;
  occurredAt: string;
  actor: { id: string };
  correlationId: string;
  data: Record<string, unknown>;
}

/** Records cases and reads them back as the people who handle them would. */
function casework(api: () => TestApp) {
  const send = async (actor: Actor, path: string, body: object = {}) => {
    const response = await api()
      .http.post(`/api/v1${path}`)
      .set(await api().auth(actor))
      .send(body);
    expect(response.status).toBeLessThan(300);
    return response.body;
  };
  return {
    receive: (overrides: Record<string, unknown> = {}) =>
      send(ann, '/cases', complaint(overrides)) as Promise<{ id: string; reference: string }>,
    act: (id: string, command: string, body: object, actor: Actor = ops) =>
      send(actor, `/cases/${id}/${command}`, body),
    runJob: async (job: string, actor: Actor = admin) =>
      api()
        .http.post(`/api/v1/admin/jobs/${job}/run`)
        .set(await api().auth(actor)),
    history: async (id: string): Promise<HistoryEvent[]> =>
      (
        await api()
          .http.get(`/api/v1/cases/${id}/history`)
          .set(await api().auth(ops))
      ).body.events,
  };
}

describe('scheduled jobs, run on demand by an admin', () => {
  let api: TestApp;
  const work = casework(() => api);
  beforeEach(async () => (api = await startTestApp({ now: '2026-11-23T10:00:00Z' })));
  afterEach(() => api.close());

  describe('sla-sweep', () => {
    it('records a missed acknowledgement once, as the system, dated when the deadline ended', async () => {
      const missed = await work.receive();
      const acknowledged = await work.receive();
      await work.act(acknowledged.id, 'acknowledge', {}, ann);
      api.clock.set('2026-11-26T09:00:00Z'); // due Wed 25th: Thursday morning it is missed

      const run = await work.runJob('sla-sweep');
      expect(run.status).toBe(200);
      expect(run.body).toMatchObject({
        job: 'sla-sweep',
        dueBy: '2026-11-26T09:00:00.000Z',
        candidates: 1,
        changed: 1,
        unchanged: 0,
        failed: 0,
        events: { DeadlineMissed: 1 },
        cases: [{ id: missed.id, reference: missed.reference, events: ['DeadlineMissed'] }],
        stoppedEarly: null,
        indexBehind: false,
      });
      const events = await work.history(missed.id);
      expect(events.at(-1)).toMatchObject({
        type: 'DeadlineMissed',
        occurredAt: '2026-11-26T00:00:00.000Z',
        actor: { id: 'system:sla-sweep' },
        correlationId: run.body.runId,
        data: { kind: 'acknowledgement', stage: 1, dueDate: '2026-11-25' },
      });
      expect(await work.history(acknowledged.id)).toHaveLength(2);

      const again = await work.runJob('sla-sweep');
      expect(again.body).toMatchObject({ candidates: 0, changed: 0, events: {} });
      expect(await work.history(missed.id)).toHaveLength(2);
    });

    it('finds nothing while a deadline still runs on its last day', async () => {
      await work.receive();
      api.clock.set('2026-11-25T23:59:59.999Z');
      expect((await work.runJob('sla-sweep')).body).toMatchObject({ candidates: 0, changed: 0 });
    });
  });

  describe('auto-close', () => {
    /** A formal complaint answered on Tue 24 Nov: silent until Thu 24 Dec, it closes. */
    async function answered() {
      const formal = await work.receive({ formality: 'formal', channel: 'email' });
      api.clock.set('2026-11-24T10:00:00Z');
      await work.act(formal.id, 'respond', { summary: 'Findings', outcome: 'not-upheld' });
      return formal;
    }

    it('closes a responded case after a month with no further correspondence', async () => {
      const formal = await answered();
      api.clock.set('2026-12-24T23:59:59.999Z');
      expect((await work.runJob('auto-close')).body).toMatchObject({ changed: 0 });
      api.clock.set('2026-12-25T08:00:00Z');
      const run = await work.runJob('auto-close');
      expect(run.body).toMatchObject({ changed: 1, events: { CaseClosed: 1 } });
      expect((await work.history(formal.id)).at(-1)).toMatchObject({
        type: 'CaseClosed',
        occurredAt: '2026-12-25T00:00:00.000Z',
        actor: { id: 'system:auto-close' },
        correlationId: run.body.runId,
        data: { reason: 'no-further-correspondence' },
      });
      expect((await work.runJob('auto-close')).body).toMatchObject({ candidates: 0 });
    });

    it('leaves a case where the complainant wrote again within the month', async () => {
      const formal = await answered();
      api.clock.set('2026-12-10T10:00:00Z');
      await work.act(formal.id, 'correspondence', { channel: 'email', summary: 'Still unhappy' });
      api.clock.set('2027-02-01T10:00:00Z');
      expect((await work.runJob('auto-close')).body).toMatchObject({ changed: 0 });
      expect((await work.history(formal.id)).map((e) => e.type)).not.toContain('CaseClosed');
    });

    it('leaves a case escalated within the month, and a case closed and reopened', async () => {
      const escalated = await answered();
      const reopened = await answered();
      api.clock.set('2026-12-01T10:00:00Z');
      await work.act(escalated.id, 'escalate', { reason: 'Asked for a review', inWriting: true });
      await work.act(reopened.id, 'close', { reason: 'resolved' });
      await work.act(reopened.id, 'reopen', { reason: 'New evidence' });
      api.clock.set('2027-02-01T10:00:00Z');
      expect((await work.runJob('auto-close')).body).toMatchObject({ changed: 0 });
      for (const { id } of [escalated, reopened])
        expect((await work.history(id)).at(-1)!.type).not.toBe('CaseClosed');
    });
  });

  it('is for admins only, and names the jobs there are', async () => {
    expect((await work.runJob('sla-sweep', ops)).status).toBe(403);
    const unknown = await work.runJob('tidy-up');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ code: 'no-such-job' });
    expect(unknown.body.detail).toContain(
      'sla-sweep, auto-close, same-day-escalation, retention, chain-audit',
    );
    expect((await api.http.post('/api/v1/admin/jobs/sla-sweep/run')).status).toBe(401);
  });

  it('answers a request for a job already running here with the run under way', async () => {
    await work.receive();
    api.clock.set('2026-12-01T10:00:00Z');
    const runner = api.app.get(JobRunner);
    const [first, second] = await Promise.all([runner.run('sla-sweep'), runner.run('sla-sweep')]);
    expect(second).toBe(first);
    expect(first.changed).toBe(1);
  });

  it('keeps answering requests while a long run works through its cases', async () => {
    for (let n = 0; n < 150; n += 1) await work.receive();
    api.clock.set('2026-12-01T10:00:00Z');
    const finished: string[] = [];
    const run = api.app
      .get(JobRunner)
      .run('sla-sweep')
      .then((report) => {
        finished.push('run');
        return report;
      });
    await api.http.get('/health/live').then(() => finished.push('request'));
    expect((await run).changed).toBe(150);
    expect(finished).toEqual(['request', 'run']);
  });

  describe('two runners (as on two replicas)', () => {
    /** A second runner over the same stores, with leases of its own or shared. */
    const secondRunner = (leases: Storage['leases']) => secondJobRunner(api, leases);

    it('record every missed deadline exactly once when they run at the same time', async () => {
      const cases = [];
      for (let n = 0; n < 12; n += 1) cases.push(await work.receive());
      api.clock.set('2026-12-01T10:00:00Z');
      const one = api.app.get(JobRunner);
      const other = secondRunner(new InProcessJobLeases(api.app.get(CLOCK)));
      const [a, b] = await Promise.all([one.run('sla-sweep'), other.run('sla-sweep')]);
      expect(a.changed + b.changed).toBe(12);
      expect(a.failed + b.failed).toBe(0);
      for (const { id } of cases)
        expect((await work.history(id)).filter((e) => e.type === 'DeadlineMissed')).toHaveLength(1);
    });

    it('take turns when they share the leases: the other is refused while one runs', async () => {
      await work.receive();
      api.clock.set('2026-12-01T10:00:00Z');
      const storage = api.app.get<Storage>(STORAGE);
      const one = api.app.get(JobRunner);
      const other = secondRunner(storage.leases);
      const running = one.run('sla-sweep');
      await expect(other.run('sla-sweep')).rejects.toMatchObject({ code: 'job-running' });
      expect((await running).changed).toBe(1);
      expect((await other.run('sla-sweep')).changed).toBe(0); // free again once it finished
    });
  });
});

describe('a person acting on a case the scheduler has not reached yet', () => {
  let api: TestApp;
  const work = casework(() => api);
  beforeEach(async () => (api = await startTestApp({ now: '2026-11-23T10:00:00Z' })));
  afterEach(() => api.close());

  it('records the missed deadline first, as the system, in the same request as the closure', async () => {
    const late = await work.receive();
    api.clock.set('2026-11-26T10:00:00Z');
    await work.act(late.id, 'close', { reason: 'withdrawn' });
    const [, missed, closed] = await work.history(late.id);
    expect(missed).toMatchObject({
      type: 'DeadlineMissed',
      occurredAt: '2026-11-26T00:00:00.000Z',
      actor: { id: 'system:sla-sweep' },
    });
    expect(closed).toMatchObject({ type: 'CaseClosed', actor: { id: 'u-olu' } });
    expect(closed.correlationId).toBe(missed.correlationId);
    expect((await work.runJob('sla-sweep')).body).toMatchObject({ changed: 0 });
  });
});

describe('same-day escalation (MaCTRI)', () => {
  let api: TestApp;
  const work = casework(() => api);
  beforeEach(
    async () => (api = await startTestApp({ now: '2026-11-23T10:00:00Z', policy: 'mactri' })),
  );
  afterEach(() => api.close());

  it('moves an informal complaint still open after its receipt day to stage 2 at midnight', async () => {
    const informal = await work.receive({ formality: 'informal' });
    const resolved = await work.receive({
      formality: 'informal',
      resolvedAtFirstContact: { resolution: 'Rebooked the session' },
    });
    api.clock.set('2026-11-23T23:59:00Z');
    expect((await work.runJob('same-day-escalation')).body).toMatchObject({ changed: 0 });
    api.clock.set('2026-11-24T00:00:30Z');
    const run = await work.runJob('same-day-escalation');
    expect(run.body).toMatchObject({ changed: 1, events: { CaseEscalated: 1 } });
    expect((await work.history(informal.id)).at(-1)).toMatchObject({
      type: 'CaseEscalated',
      occurredAt: '2026-11-24T00:00:00.000Z',
      actor: { id: 'system:same-day-escalation' },
      data: { fromStage: 1, toStage: 2, automatic: true },
    });
    expect((await work.history(resolved.id)).at(-1)!.type).toBe('CaseClosed');
  });
});

describe('catching up after the server was down', () => {
  it('does on start-up everything that fell due while it was down', async () => {
    const first = await startTestApp({ now: '2026-11-23T10:00:00Z' });
    const work = casework(() => first);
    const unanswered = await work.receive();
    const answered = await work.receive({ formality: 'formal', channel: 'letter' });
    first.clock.set('2026-11-24T10:00:00Z');
    await work.act(answered.id, 'respond', { summary: 'Findings', outcome: 'upheld' });
    await first.close();

    // Back five weeks later, with the timers on: the start-up run does the lot.
    const later = await startTestApp({
      dataDir: first.dataDir,
      now: '2027-01-04T09:00:00Z',
      scheduler: true,
    });
    try {
      await later.app.get(JobTimers).catchUp;
      const history = casework(() => later).history;
      expect((await history(unanswered.id)).at(-1)).toMatchObject({
        type: 'DeadlineMissed',
        occurredAt: '2026-11-26T00:00:00.000Z',
      });
      expect((await history(answered.id)).at(-1)).toMatchObject({
        type: 'CaseClosed',
        occurredAt: '2026-12-25T00:00:00.000Z',
        actor: { id: 'system:auto-close' },
      });
    } finally {
      await later.close();
    }
  });

  it('with CLF_SCHEDULER=off, runs no timers and no start-up catch-up: the jobs wait for the admin endpoint', async () => {
    const first = await startTestApp({ now: '2026-11-23T10:00:00Z' });
    const unanswered = await casework(() => first).receive();
    await first.close();

    const later = await startTestApp({ dataDir: first.dataDir, now: '2027-01-04T09:00:00Z' });
    try {
      // Asked through ModuleRef, which throws, rather than the app, which would exit.
      const modules = later.app.get(ModuleRef);
      expect(() => modules.get(JobTimers, { strict: false })).toThrow(/JobTimers/);
      expect(() => modules.get(SchedulerRegistry, { strict: false })).toThrow(/SchedulerRegistry/);
      const history = casework(() => later).history;
      expect((await history(unanswered.id)).map((e: { type: string }) => e.type)).toEqual([
        'CaseReceived',
      ]);
      expect((await casework(() => later).runJob('sla-sweep')).body).toMatchObject({ changed: 1 });
    } finally {
      await later.close();
    }
  });

  it('with the scheduler on, registers the timers of the seven jobs', async () => {
    const api = await startTestApp({ scheduler: true });
    try {
      await api.app.get(JobTimers).catchUp;
      expect([...api.app.get(SchedulerRegistry).getCronJobs().keys()].sort()).toEqual([
        'auto-close',
        'chain-audit',
        'digest',
        'reminders',
        'retention',
        'same-day-escalation',
        'sla-sweep',
      ]);
    } finally {
      await api.close();
    }
  });
});
