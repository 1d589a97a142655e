import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Actor, CaseCommand } from '#domain';
import { SqliteEventStore, type NewEvent } from '#event-store';
import type { CaseRecord } from '../case-record';
import type { Checkpoint, QueueQuery, ReadModelStore } from '../read-model.port';
import { SqliteReadModelGenerations } from '../sqlite/sqlite-read-model-generations';
import { SqliteReadModelStore } from '../sqlite/sqlite-read-model-store';
import { dmmRules, RecordedHistory } from '../testing/recorded-history';
import { InProcessJobLeases } from '#scheduling';
import { ManualClock } from '../../../scheduling/src/testing/job-leases.contract';
import { manualTimers } from '../testing/manual-timers';
import { CaseProjections } from './case-projections';
import { WriterLease } from './writer-lease';
import { CaseProjector } from './case-projector';
import { ProjectionRunner } from './projection-runner';

const ann: Actor = { id: 'u-ann', name: 'Ann', roles: ['staff'] };
const olu: Actor = { id: 'u-olu', name: 'Olu', roles: ['operations-manager'] };
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const clock = () => new Date('2026-12-31T12:00:00Z');

/** Thirty cases through acknowledgement, escalation, response and closure, interleaved in time. */
function busyMonth(): RecordedHistory {
  const history = new RecordedHistory();
  for (let n = 1; n <= 30; n += 1) {
    const day = String(1 + (n % 27)).padStart(2, '0');
    const receive: CaseCommand = {
      type: 'ReceiveCase',
      actor: ann,
      data: {
        caseId: id(n),
        reference: `DMM-2026-${String(n).padStart(5, '0')}`,
        kind: n % 5 === 0 ? 'compliment' : 'complaint',
        formality: n % 5 === 0 ? undefined : n % 3 === 0 ? 'formal' : 'informal',
        channel: n % 2 ? 'email' : 'phone',
        summary: `Case ${n}`,
        complainant: { name: 'Ada', role: 'learner' },
        categories: [n % 2 ? 'mentoring' : 'fees'],
      },
    };
    history.run(id(n), receive, `2026-11-${day}T09:00:00Z`);
  }
  for (let n = 1; n <= 30; n += 1) {
    if (n % 5 === 0) continue;
    // Formal complaints start at stage 2, the operations manager's.
    const acknowledger = n % 3 === 0 ? olu : ann;
    history.run(
      id(n),
      { type: 'AcknowledgeCase', actor: acknowledger, data: {} },
      '2026-11-28T10:00:00Z',
    );
    if (n % 4 === 0)
      history.run(
        id(n),
        { type: 'RespondToCase', actor: olu, data: { summary: 'Answered', outcome: 'upheld' } },
        '2026-12-02T10:00:00Z',
      );
    if (n % 7 === 0)
      history.run(
        id(n),
        { type: 'CloseCase', actor: olu, data: { reason: 'resolved' } },
        '2026-12-03T10:00:00Z',
      );
  }
  return history;
}

async function snapshot(store: ReadModelStore) {
  const all: QueueQuery = {
    sort: 'receivedAt',
    limit: 200,
    now: '2026-12-31T12:00:00.000Z',
    visibility: { scope: 'all' },
    status: ['open', 'acknowledged', 'responded', 'referred-externally', 'closed'],
  };
  return {
    queue: await store.page(all),
    facts: await store.facts(['2026-11', '2026-12']),
    themes: await store.themes(['2026-11', '2026-12']),
  };
}

const tempFile = (name: string) => join(mkdtempSync(join(tmpdir(), 'clf-proj-')), name);

describe('the case projection', () => {
  it('handles every event twice with the same result as once', async () => {
    const { events } = busyMonth();
    const projector = new CaseProjector(dmmRules);
    const once = new SqliteReadModelStore(tempFile('once.db'), 1);
    const twice = new SqliteReadModelStore(tempFile('twice.db'), 1);
    await once.save(projector.project(events, await once.load(CaseProjector.caseIds(events))), {
      position: events.at(-1)!.position,
      events: events.length,
    });
    for (const [n, event] of [...events, ...events].entries()) {
      const stored = await twice.load(CaseProjector.caseIds([event]));
      await twice.save(projector.project([event], stored), {
        position: event.position,
        events: n + 1,
      });
    }
    expect(await snapshot(twice)).toEqual(await snapshot(once));
    await once.drop();
    await twice.drop();
  });
});

describe('the projection runner over the event store', () => {
  async function storeWith(history: RecordedHistory): Promise<SqliteEventStore> {
    const events = new SqliteEventStore({ filename: tempFile('events.db'), clock });
    await appendAll(events, history);
    return events;
  }

  async function appendAll(events: SqliteEventStore, history: RecordedHistory): Promise<void> {
    for (const e of history.events) {
      const event: NewEvent = {
        id: e.id,
        type: e.type,
        data: e.data,
        occurredAt: e.occurredAt,
        metadata: e.metadata,
      };
      await events.append(e.stream, [event], e.revision === 0 ? 'no-stream' : e.revision - 1);
    }
  }

  /** Read models projected the plain way, batch by batch: what every other way must equal. */
  async function projectedPlainly(events: SqliteEventStore, batchSize?: number) {
    const store = new SqliteReadModelStore(tempFile('clean.db'), 1);
    const runner = new ProjectionRunner(events, store, new CaseProjector(dmmRules), { batchSize });
    await runner.start();
    await runner.whenCaughtUp();
    return { clean: store, cleanRunner: runner };
  }

  const projectionsOver = (
    events: SqliteEventStore,
    directory = mkdtempSync(join(tmpdir(), 'clf-gen-')),
  ) => new CaseProjections(events, new SqliteReadModelGenerations(directory), dmmRules, clock);

  it('loses and double-counts nothing when it crashes between writing the read model and its checkpoint', async () => {
    const history = busyMonth();
    const events = await storeWith(history);
    const file = tempFile('rm.db');
    const { clean, cleanRunner } = await projectedPlainly(events, 7);

    // The third batch's records are written, but the process dies before its checkpoint is.
    const real = new SqliteReadModelStore(file, 1);
    let saves = 0;
    const crashing = Object.assign(Object.create(real) as ReadModelStore, {
      save: async (records: readonly CaseRecord[], checkpoint: Checkpoint) => {
        saves += 1;
        if (saves === 3) {
          await real.save(records, (await real.checkpoint())!);
          throw new Error('killed');
        }
        return real.save(records, checkpoint);
      },
    });
    const failed = new ProjectionRunner(events, crashing, new CaseProjector(dmmRules), {
      batchSize: 7,
    });
    await failed.start();
    await expect(failed.whenCaughtUp()).rejects.toThrow('killed');
    await failed.stop();
    await real.close();

    const restarted = new SqliteReadModelStore(file, 1);
    const runner = new ProjectionRunner(events, restarted, new CaseProjector(dmmRules), {
      batchSize: 7,
    });
    await runner.start();
    await runner.whenCaughtUp();
    expect(await snapshot(restarted)).toEqual(await snapshot(clean));
    expect(await restarted.checkpoint()).toEqual({
      position: history.events.at(-1)!.position,
      events: history.events.length,
    });
    await Promise.all([runner.stop(), cleanRunner.stop()]);
    await events.close();
  });

  it('rebuilds into a new generation while the old one serves, then swaps it in: same read models', async () => {
    const history = busyMonth();
    const events = await storeWith(history);
    const directory = mkdtempSync(join(tmpdir(), 'clf-gen-'));
    const projections = projectionsOver(events, directory);
    await projections.start();
    await projections.whenCaughtUp();
    const before = await snapshot(projections.store());
    // Generation 1 was made empty; the first start built generation 2 from the events.
    expect(projections.store().generation).toBe(2);

    const progress: number[] = [];
    const rebuild = await projections.startRebuild((handled) => progress.push(handled));
    expect(rebuild.of).toBe(history.events.length);
    expect((await projections.status())[0]).toMatchObject({ rebuilding: true, generation: 2 });
    await expect(projections.startRebuild()).rejects.toThrow(/already running/);
    await rebuild.done;

    expect(projections.store().generation).toBe(3);
    expect(await snapshot(projections.store())).toEqual(before);
    expect(progress.at(-1)).toBe(history.events.length);
    expect((await projections.status()).map((s) => [s.name, s.lagEvents, s.rebuilding])).toEqual([
      ['case-queue', 0, false],
      ['monthly-statistics', 0, false],
      ['themes', 0, false],
    ]);
    // The old generation stays a while for replicas still reading it, and goes at the latest on stop.
    expect(existsSync(join(directory, 'read-models-2.db'))).toBe(true);
    await projections.stop();
    expect(existsSync(join(directory, 'read-models-2.db'))).toBe(false);

    // A restart reads the promoted generation.
    const again = projectionsOver(events, directory);
    await again.start();
    expect(again.store().generation).toBe(3);
    await again.stop();
    await events.close();
  });

  it('builds read models never made on a store with events the way a rebuild does, serving the empty ones meanwhile', async () => {
    const history = busyMonth();
    const events = await storeWith(history);
    const { clean, cleanRunner } = await projectedPlainly(events);
    const last = history.events.at(-1)!.position.commit;

    const projections = projectionsOver(events);
    await projections.start();
    expect(projections.store().generation).toBe(1);
    expect((await projections.status())[0]).toMatchObject({ rebuilding: true, checkpoint: null });
    const waiting = projections.reached(last, 60_000);
    await projections.whenCaughtUp();
    expect(await waiting).toBe(true);
    expect(projections.store().generation).toBe(2);
    expect(await snapshot(projections.store())).toEqual(await snapshot(clean));

    // From then on it is live: a new event reaches the read models.
    const appended = await events.append(
      history.events[0].stream,
      [
        {
          id: randomUUID(),
          type: 'NoteAdded',
          data: { text: 'After the first build' },
          occurredAt: clock().toISOString(),
          metadata: history.events[0].metadata,
        },
      ],
      'any',
    );
    expect(await projections.reached(appended.position.commit, 60_000)).toBe(true);
    await Promise.all([projections.stop(), cleanRunner.stop()]);
    await events.close();
  });

  it('drops a rebuild stopped before it was swapped in: its generation is never served', async () => {
    const history = busyMonth();
    const events = await storeWith(history);
    const directory = mkdtempSync(join(tmpdir(), 'clf-gen-'));
    const projections = projectionsOver(events, directory);
    await projections.start(); // a first start on existing data: building generation 2
    expect(existsSync(join(directory, 'read-models-2.db'))).toBe(true);
    await projections.stop();
    expect(existsSync(join(directory, 'read-models-2.db'))).toBe(false);
    await events.close();
  });

  it('catches up live when the first build fails, reporting why', async () => {
    const history = busyMonth();
    const events = await storeWith(history);
    const { clean, cleanRunner } = await projectedPlainly(events);

    const real = new SqliteReadModelGenerations(mkdtempSync(join(tmpdir(), 'clf-gen-')));
    const failing = Object.assign(Object.create(real) as SqliteReadModelGenerations, {
      create: async () =>
        Object.assign(Object.create(await real.create()) as ReadModelStore, {
          save: async () => {
            throw new Error('disk full');
          },
        }),
    });
    const errors: unknown[] = [];
    const projections = new CaseProjections(events, failing, dmmRules, clock, (error) =>
      errors.push(error),
    );
    await projections.start();
    await projections.whenCaughtUp();
    expect(errors.map(String)).toContain('Error: disk full');
    expect(projections.store().generation).toBe(1);
    expect(await snapshot(projections.store())).toEqual(await snapshot(clean));
    await new Promise((resolve) => setImmediate(resolve));
    expect((await projections.status())[0]).toMatchObject({ failed: null, lagEvents: 0 });
    await Promise.all([projections.stop(), cleanRunner.stop()]);
    await events.close();
  });

  /** Generations whose current store's saves fail with `failure` once, remembering what is reported to followers. */
  function generationsFailingOnce(failure: Error, isTransient: (error: unknown) => boolean) {
    const real = new SqliteReadModelGenerations(mkdtempSync(join(tmpdir(), 'clf-gen-')));
    const reported: (string | null)[] = [];
    let reportedFailure: (reason: string) => void = () => {};
    const failureReported = new Promise<string>((resolve) => (reportedFailure = resolve));
    let failed = false;
    const generations = Object.assign(Object.create(real) as SqliteReadModelGenerations, {
      current: async () => {
        const store = await real.current();
        return Object.assign(Object.create(store) as ReadModelStore, {
          save: (records: readonly CaseRecord[], checkpoint: Checkpoint) => {
            if (failed || records.length === 0) return store.save(records, checkpoint);
            failed = true;
            return Promise.reject(failure);
          },
        });
      },
      reportFailure: async (reason: string | null) => {
        reported.push(reason);
        if (reason) reportedFailure(reason);
      },
      isTransient,
    });
    return { generations, reported, failureReported };
  }

  it('tells the processes that follow when the live projection stops for good', async () => {
    const events = await storeWith(new RecordedHistory());
    const { generations, reported, failureReported } = generationsFailingOnce(
      new Error('a bug'),
      () => false,
    );
    const projections = new CaseProjections(events, generations, dmmRules, clock);
    await projections.start();
    await appendAll(events, busyMonth());
    expect(await failureReported).toBe('Error: a bug');
    expect(reported).toEqual([null, 'Error: a bug']);
    expect((await projections.status())[0]).toMatchObject({ failed: 'Error: a bug' });
    await projections.stop();
    await events.close();
  });

  it('starts the live projection again from its checkpoint when the store says the failure passes', async () => {
    const events = await storeWith(new RecordedHistory());
    const { generations, reported } = generationsFailingOnce(new Error('step-down'), () => true);
    const restarts: unknown[] = [];
    const projections = new CaseProjections(events, generations, dmmRules, clock, () => {}, {
      restart: {
        onRestart: (error) => restarts.push(error),
        backoff: { delayMs: () => 1000, wait: async () => {} },
      },
    });
    await projections.start();
    const history = busyMonth();
    await appendAll(events, history);
    expect(await projections.reached(history.events.at(-1)!.position.commit, 30_000)).toBe(true);
    expect(restarts).toEqual([new Error('step-down')]);
    expect(reported).toEqual([null]);
    expect((await projections.status())[0]).toMatchObject({ failed: null, lagEvents: 0 });
    await projections.stop();
    await events.close();
  });

  it('has one of two processes write the read models, and the other take over once it lets go', async () => {
    const events = await storeWith(new RecordedHistory());
    const leaseClock = new ManualClock('2026-12-31T12:00:00Z');
    const leases = new InProcessJobLeases(leaseClock.now);
    const { tick, timers } = manualTimers();
    const directory = mkdtempSync(join(tmpdir(), 'clf-gen-'));
    const processOn = (holder: string) =>
      new CaseProjections(
        events,
        new SqliteReadModelGenerations(directory),
        dmmRules,
        clock,
        () => {},
        { writerLease: new WriterLease(leases, holder, { timers }) },
      );
    const first = processOn('worker-a');
    const second = processOn('worker-b');
    await first.start();
    await second.start();
    const history = busyMonth();
    await appendAll(events, history);
    const last = history.events.at(-1)!.position.commit;
    expect(await first.reached(last, 10_000)).toBe(true);
    expect(second.runner().position).toBeNull();

    await first.stop();
    tick();
    const later = new RecordedHistory();
    later.receive(id(99), 'DMM-2026-00099', 'Later', '2026-12-30T09:00:00Z');
    await appendAll(events, later);
    const appended = (await events.headPosition())!.commit;
    expect(await second.reached(appended, 10_000)).toBe(true);
    expect((await second.store().checkpoint())!.events).toBe(history.events.length + 1);
    await second.stop();
    await events.close();
  });

  it('starts a fresh generation when the event store is another one than the read models were made from', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'clf-gen-'));
    let origin: string | null = null;
    const generationsOn = () =>
      Object.assign(new SqliteReadModelGenerations(directory), {
        storeOrigin: async () => origin,
        recordStoreOrigin: async (recorded: string | null) => void (origin = recorded),
      });
    const before = await storeWith(busyMonth());
    const first = new CaseProjections(before, generationsOn(), dmmRules, clock);
    await first.start();
    await first.whenCaughtUp();
    await first.stop();

    // The volume was reset: a store with one case, whose position is below the old checkpoint.
    const after = new RecordedHistory();
    after.receive(id(77), 'DMM-2026-00077', 'After the reset', '2026-12-30T09:00:00Z');
    const reset = await storeWith(after);
    const second = new CaseProjections(reset, generationsOn(), dmmRules, clock);
    await second.start();
    await second.whenCaughtUp();
    const page = await second.store().page({
      sort: 'dueBy',
      limit: 50,
      now: '2026-12-31T12:00:00.000Z',
      visibility: { scope: 'all' },
    } as QueueQuery);
    expect(page.items.map((item) => item.id)).toEqual([id(77)]);
    expect(origin).toBe(after.events[0].id);
    await second.stop();
    await Promise.all([before.close(), reset.close()]);
  });

  it('starts live on a store with no events yet: nothing to build', async () => {
    const events = new SqliteEventStore({ filename: tempFile('events.db'), clock });
    const projections = projectionsOver(events);
    await projections.start();
    await projections.whenCaughtUp();
    expect((await projections.status())[0]).toMatchObject({ generation: 1, rebuilding: false });
    await projections.stop();
    await events.close();
  });
});

describe('write-behind while catching up', () => {
  it('gives the same read models as writing every batch, even when cases leave memory and come back', async () => {
    const history = busyMonth();
    const events = new SqliteEventStore({ filename: tempFile('events.db'), clock });
    for (const e of history.events)
      await events.append(
        e.stream,
        [{ id: e.id, type: e.type, data: e.data, occurredAt: e.occurredAt, metadata: e.metadata }],
        e.revision === 0 ? 'no-stream' : e.revision - 1,
      );
    const plain = new SqliteReadModelStore(tempFile('plain.db'), 1);
    const behind = new SqliteReadModelStore(tempFile('behind.db'), 1, { building: true });
    const runners = [
      new ProjectionRunner(events, plain, new CaseProjector(dmmRules), { batchSize: 4 }),
      // Room for 3 cases only, flushed every 10 events: records are evicted, reloaded and written again.
      new ProjectionRunner(events, behind, new CaseProjector(dmmRules), {
        batchSize: 4,
        writeBehind: { maxCases: 3, flushEveryEvents: 10 },
      }),
    ];
    try {
      for (const runner of runners) {
        await runner.start();
        await runner.whenCaughtUp();
      }
      await behind.readyToServe();
      expect(await snapshot(behind)).toEqual(await snapshot(plain));
      expect(await behind.checkpoint()).toEqual({
        position: history.events.at(-1)!.position,
        events: history.events.length,
      });
    } finally {
      await Promise.all(runners.map((r) => r.stop()));
      await events.close();
    }
  });
});
