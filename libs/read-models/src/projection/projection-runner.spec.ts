import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, type EventStore, type RecordedEvent } from '#event-store';
import type { CaseRecord } from '../case-record';
import type { Checkpoint, ReadModelStore } from '../read-model.port';
import { SqliteReadModelStore } from '../sqlite/sqlite-read-model-store';
import { CaseProjector } from './case-projector';
import { ProjectionRunner } from './projection-runner';
import { dmmRules, RecordedHistory } from '../testing/recorded-history';

describe('ProjectionRunner.reached', () => {
  it('gives up after the timeout it was given (with the clock the caller passes)', async () => {
    const runner = new ProjectionRunner(
      {} as EventStore,
      {} as ReadModelStore,
      new CaseProjector(dmmRules),
    );
    let fire: () => void = () => {};
    const timers = {
      setTimeout: ((callback: () => void, ms: number) => {
        expect(ms).toBe(5000);
        fire = callback;
        return 1 as unknown as NodeJS.Timeout;
      }) as unknown as typeof setTimeout,
      clearTimeout: (() => {}) as typeof clearTimeout,
    };
    const reached = runner.reached(10n, 5000, timers);
    fire();
    expect(await reached).toBe(false);
  });
});

describe('ProjectionRunner after a failed batch', () => {
  const tempFile = (name: string) => join(mkdtempSync(join(tmpdir(), 'clf-runner-')), name);
  const clock = () => new Date('2026-12-31T12:00:00Z');

  /** Five cases received, recorded in a store of its own. */
  async function fiveCases(): Promise<{ events: SqliteEventStore; last: RecordedEvent }> {
    const history = new RecordedHistory();
    for (let n = 1; n <= 5; n += 1) {
      const caseId = `00000000-0000-4000-8000-00000000000${n}`;
      history.receive(caseId, `DMM-2026-0000${n}`, `Case ${n}`, `2026-11-0${n}T09:00:00Z`);
    }
    const events = new SqliteEventStore({ filename: tempFile('events.db'), clock });
    for (const e of history.events)
      await events.append(
        e.stream,
        [{ id: e.id, type: e.type, data: e.data, occurredAt: e.occurredAt, metadata: e.metadata }],
        'no-stream',
      );
    return { events, last: history.events.at(-1)! };
  }

  class Outage extends Error {}

  /** A read-model store whose saves fail with `failures`, in turn, before they work. */
  function failingSaves(failures: Error[]) {
    const real = new SqliteReadModelStore(tempFile('rm.db'), 1);
    const store = Object.assign(Object.create(real) as ReadModelStore, {
      save: (records: readonly CaseRecord[], checkpoint: Checkpoint) => {
        const failure = failures.shift();
        return failure ? Promise.reject(failure) : real.save(records, checkpoint);
      },
    });
    return { real, store };
  }

  function recordingBackoff() {
    const delays: number[] = [];
    return {
      delays,
      delayMs: (attempt: number) => attempt * 1000,
      wait: async (ms: number) => void delays.push(ms),
    };
  }

  it('starts again from its checkpoint, backing off, when the failure passes', async () => {
    const { events, last } = await fiveCases();
    const { real, store } = failingSaves([new Outage('down'), new Outage('still down')]);
    const backoff = recordingBackoff();
    const restarts: [unknown, number][] = [];
    const runner = new ProjectionRunner(events, store, new CaseProjector(dmmRules), {
      batchSize: 2,
      restart: {
        isTransient: (error) => error instanceof Outage,
        backoff,
        onRestart: (error, attempt) => restarts.push([error, attempt]),
      },
    });
    await runner.start();
    await runner.whenCaughtUp();
    expect(await real.checkpoint()).toEqual({ position: last.position, events: 5 });
    expect(restarts).toEqual([
      [new Outage('down'), 1],
      [new Outage('still down'), 2],
    ]);
    expect(backoff.delays).toEqual([1000, 2000]);
    expect(runner.error).toBeNull();
    await runner.stop();
    await events.close();
  });

  it('stops and keeps the error when the failure will not pass', async () => {
    const { events } = await fiveCases();
    const { real, store } = failingSaves([new Error('a bug')]);
    const errors: unknown[] = [];
    const runner = new ProjectionRunner(events, store, new CaseProjector(dmmRules), {
      restart: { isTransient: (error) => error instanceof Outage, backoff: recordingBackoff() },
      onError: (error) => errors.push(error),
    });
    await runner.start();
    await expect(runner.whenCaughtUp()).rejects.toThrow('a bug');
    expect(runner.error).toEqual(new Error('a bug'));
    expect(errors).toEqual([new Error('a bug')]);
    expect(await real.checkpoint()).toBeNull();
    await runner.stop();
    await events.close();
  });
});

describe('ProjectionRunner.startedFrom', () => {
  it('is the checkpoint it started from, even once it has caught up past it', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'clf-runner-'));
    const events = new SqliteEventStore({
      filename: join(directory, 'events.db'),
      clock: () => new Date('2026-12-31T12:00:00Z'),
    });
    const history = new RecordedHistory();
    for (let n = 1; n <= 4; n += 1)
      history.receive(
        `00000000-0000-4000-8000-00000000000${n}`,
        `DMM-2026-0000${n}`,
        `Case ${n}`,
        `2026-11-0${n}T09:00:00Z`,
      );
    for (const e of history.events)
      await events.append(
        e.stream,
        [{ id: e.id, type: e.type, data: e.data, occurredAt: e.occurredAt, metadata: e.metadata }],
        'no-stream',
      );
    const recorded = await events.readAll();
    const store = new SqliteReadModelStore(join(directory, 'rm.db'), 1);
    const halfway = { position: recorded[1].position, events: 2 };
    await store.save([], halfway);

    const runner = new ProjectionRunner(events, store, new CaseProjector(dmmRules));
    try {
      await runner.start();
      await runner.whenCaughtUp();
      expect(runner.checkpoint).toEqual({ position: recorded[3].position, events: 4 });
      expect(runner.startedFrom).toEqual(halfway);
    } finally {
      await runner.stop();
      await events.close();
    }
  });
});
