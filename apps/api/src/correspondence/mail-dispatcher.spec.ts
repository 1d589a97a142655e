import { randomUUID } from 'node:crypto';
import { caseStream, type CaseCommand, type CorrespondenceSent, type SentLetter } from '#domain';
import { SqliteEventStore } from '#event-store';
import { InProcessJobLeases, type SubscriptionCheckpoints } from '#scheduling';
import type { EmailMessage } from './email-message';
import { EVENT_METADATA } from './testing/outbox-fixtures';
import { MAIL_DISPATCHER, MailDispatcher, type DispatcherTimers } from './mail-dispatcher';

const CASE_ID = '7d0c7a5e-3b1f-4c55-9a57-2f0e1f0f6a11';
const OTHER_CASE_ID = '7d0c7a5e-3b1f-4c55-9a57-2f0e1f0f6a12';
const LETTERS = ['a', 'b'].map((n) => `a1e1e1e1-0000-4000-8000-00000000000${n}`);
const HOST = 'dmm.example';

const sent = (letterId: string) =>
  ({
    id: randomUUID(),
    type: 'CorrespondenceSent',
    occurredAt: '2026-11-23T12:00:00.000Z',
    data: {
      letterId,
      template: 'acknowledgement',
      channels: ['email'],
      addressedTo: 'complainant',
      to: { name: 'Ada', email: 'ada@example.org' },
      subject: 'S',
      body: 'B',
    } satisfies CorrespondenceSent['data'],
    metadata: EVENT_METADATA,
  }) as const;

/** The case's letters as the command path would keep them, and the commands it was sent. */
function casesWithLetters() {
  const letters = new Map<string, SentLetter>(
    LETTERS.map((id) => [id, { id, sentAt: '', emailDelivery: 'waiting' }]),
  );
  const recorded: CaseCommand[] = [];
  const listeners: Array<() => void> = [];
  return {
    recorded,
    /** Resolves once `count` commands were recorded. */
    recordedCount: (count: number) =>
      new Promise<void>((resolve) => {
        const check = () => recorded.length >= count && resolve();
        listeners.push(check);
        check();
      }),
    load: async () => ({ state: { letters: [...letters.values()] } }) as never,
    execute: async (_: string, command: CaseCommand) => {
      recorded.push(command);
      const { letterId } = command.data as { letterId: string };
      const emailDelivery = command.type === 'RecordEmailDelivered' ? 'delivered' : 'failed';
      letters.set(letterId, { id: letterId, sentAt: '', emailDelivery });
      listeners.forEach((listener) => listener());
      return {} as never;
    },
  };
}

/** Waits that end only when the test lets them, in the order they began. */
function heldTimers(): DispatcherTimers & { waits: number; release(): void } {
  const pending: Array<() => void> = [];
  return {
    get waits() {
      return pending.length;
    },
    release: () => pending.shift()?.(),
    wait: (_, signal) =>
      new Promise((resolve) => {
        const end = () => resolve();
        pending.push(end);
        signal.addEventListener('abort', () => {
          pending.splice(pending.indexOf(end), 1);
          end();
        });
      }),
    every: () => () => undefined,
  };
}

/** A mail server that refuses the first try at each letter named, then takes everything. */
function refusingOnce(...letterIds: string[]) {
  const offered: string[] = [];
  const refused = new Set<string>();
  return {
    offered,
    send: async (message: EmailMessage) => {
      offered.push(message.messageId);
      const letterId = letterIds.find((id) => message.messageId === `<${id}@${HOST}>`);
      if (letterId && !refused.has(letterId)) {
        refused.add(letterId);
        throw Object.assign(new Error('Try again later'), { responseCode: 451 });
      }
    },
    close: () => undefined,
  };
}

const delivered = (command: CaseCommand) =>
  command.type === 'RecordEmailDelivered' ? (command.data as { letterId: string }).letterId : null;

function memoryCheckpoints(): SubscriptionCheckpoints & { saved: Map<string, unknown> } {
  const saved = new Map<string, never>();
  return {
    saved,
    load: async (name) => saved.get(name) ?? null,
    save: async (name, position) => void saved.set(name, position as never),
    close: async () => undefined,
  };
}

describe('the mail dispatcher, stopped while it waits to try again', () => {
  it('records nothing for the letter and keeps its checkpoint before it, to send it next time', async () => {
    const events = new SqliteEventStore({ filename: ':memory:' });
    await events.append(caseStream(CASE_ID), [sent(LETTERS[0]), sent(LETTERS[1])], 'no-stream');
    const cases = casesWithLetters();
    const checkpoints = memoryCheckpoints();
    const offered: EmailMessage[] = [];
    let waited = () => undefined as void;
    const waiting = new Promise<void>((resolve) => (waited = resolve));
    const timers: DispatcherTimers = {
      // The first wait is where the server is shut down under the dispatcher.
      wait: (_, signal) => {
        waited();
        return new Promise((resolve) => signal.addEventListener('abort', () => resolve()));
      },
      every: () => () => undefined,
    };
    const dispatcher = new MailDispatcher({
      events,
      checkpoints,
      leases: new InProcessJobLeases(() => new Date()),
      cases,
      transport: {
        send: async (message) => {
          offered.push(message);
          throw Object.assign(new Error('Try again later'), { responseCode: 451 });
        },
        close: () => undefined,
      },
      settings: { from: 'c@dmm.example', host: 'dmm.example' },
      timers,
      holder: 'test',
      log: () => undefined,
    });
    await dispatcher.start();
    await waiting;
    await dispatcher.stop();
    expect(offered.map((m) => m.messageId)).toEqual([`<${LETTERS[0]}@dmm.example>`]);
    expect(cases.recorded).toEqual([]);
    expect(checkpoints.saved.has(MAIL_DISPATCHER)).toBe(false);
    await events.close();
  });
});

describe('the mail dispatcher, while an e-mail waits to be tried again', () => {
  async function dispatching(streams: Array<[string, string]>) {
    const events = new SqliteEventStore({ filename: ':memory:' });
    for (const [caseId, letterId] of streams)
      await events.append(caseStream(caseId), [sent(letterId)], 'any');
    const cases = casesWithLetters();
    const checkpoints = memoryCheckpoints();
    const timers = heldTimers();
    const transport = refusingOnce(LETTERS[0]!);
    const make = () =>
      new MailDispatcher({
        events,
        checkpoints,
        leases: new InProcessJobLeases(() => new Date()),
        cases,
        transport,
        settings: { from: 'c@dmm.example', host: HOST },
        timers,
        holder: 'test',
        log: () => undefined,
      });
    return { events, cases, checkpoints, timers, transport, make };
  }

  it('sends another case’s e-mail behind it at once, and the retry after', async () => {
    const { events, cases, timers, make } = await dispatching([
      [CASE_ID, LETTERS[0]!],
      [OTHER_CASE_ID, LETTERS[1]!],
    ]);
    const dispatcher = make();
    await dispatcher.start();
    await cases.recordedCount(1);
    expect(cases.recorded.map(delivered)).toEqual([LETTERS[1]]);
    expect(timers.waits).toBe(1); // the refused one waits on its own timer
    timers.release();
    await dispatcher.caughtUp();
    expect(cases.recorded.map(delivered)).toEqual([LETTERS[1], LETTERS[0]]);
    await dispatcher.stop();
    await events.close();
  });

  it('keeps the same case’s later e-mail behind it, so they go in order', async () => {
    const { events, cases, timers, transport, make } = await dispatching([
      [CASE_ID, LETTERS[0]!],
      [CASE_ID, LETTERS[1]!],
    ]);
    const dispatcher = make();
    await dispatcher.start();
    await until(() => timers.waits === 1);
    expect(transport.offered).toEqual([`<${LETTERS[0]}@${HOST}>`]);
    timers.release();
    await dispatcher.caughtUp();
    expect(cases.recorded.map(delivered)).toEqual(LETTERS);
    await dispatcher.stop();
    await events.close();
  });

  it('keeps its checkpoint before the held e-mail, so a restart sends it and nothing twice', async () => {
    const { events, cases, checkpoints, timers, transport, make } = await dispatching([
      [CASE_ID, LETTERS[0]!],
      [OTHER_CASE_ID, LETTERS[1]!],
    ]);
    const first = make();
    await first.start();
    await cases.recordedCount(1);
    await first.stop(); // while the first letter waits
    expect(checkpoints.saved.has(MAIL_DISPATCHER)).toBe(false);

    const second = make();
    await second.start();
    await second.caughtUp();
    expect(timers.waits).toBe(0);
    expect(cases.recorded.map(delivered)).toEqual([LETTERS[1], LETTERS[0]]);
    expect(transport.offered).toEqual(
      [LETTERS[0], LETTERS[1], LETTERS[0]].map((id) => `<${id}@${HOST}>`),
    );
    await second.stop();
    await events.close();
  });
});

/** Lets the dispatcher's promises run until `done` holds (no clock involved). */
async function until(done: () => boolean): Promise<void> {
  while (!done()) await new Promise((resolve) => setImmediate(resolve));
}

describe('the mail dispatcher and an erased case', () => {
  it('sends nothing for a case whose personal data was erased before its e-mail went, and records nothing', async () => {
    const events = new SqliteEventStore({ filename: ':memory:' });
    await events.append(caseStream(CASE_ID), [sent(LETTERS[0])], 'no-stream');
    const cases = casesWithLetters();
    const erased = {
      ...cases,
      load: async () =>
        ({
          state: {
            letters: [{ id: LETTERS[0], sentAt: '', emailDelivery: 'waiting' }],
            erasure: { at: '2026-11-23T12:30:00.000Z', reason: 'Asked', by: null },
          },
        }) as never,
    };
    const offered: EmailMessage[] = [];
    const dispatcher = new MailDispatcher({
      events,
      checkpoints: memoryCheckpoints(),
      leases: new InProcessJobLeases(() => new Date()),
      cases: erased,
      transport: { send: async (message) => void offered.push(message), close: () => undefined },
      settings: { from: 'c@dmm.example', host: HOST },
      timers: heldTimers(),
      holder: 'test',
      log: () => undefined,
    });
    await dispatcher.start();
    await dispatcher.caughtUp();
    await dispatcher.stop();
    expect(offered).toEqual([]);
    expect(cases.recorded).toEqual([]);
    await events.close();
  });
});
