import { randomUUID } from 'node:crypto';
import { caseStream, type CaseCommand, type CorrespondenceSent, type SentLetter } from '#domain';
import { SqliteEventStore } from '#event-store';
import { InProcessJobLeases, type SubscriptionCheckpoints } from '#scheduling';
import type { EmailMessage } from './email-message';
import { EVENT_METADATA } from './testing/outbox-fixtures';
import { MAIL_DISPATCHER, MailDispatcher, type DispatcherTimers } from './mail-dispatcher';

const CASE_ID = '7d0c7a5e-3b1f-4c55-9a57-2f0e1f0f6a11';
const LETTERS = ['a', 'b'].map((n) => `a1e1e1e1-0000-4000-8000-00000000000${n}`);

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
  return {
    recorded,
    load: async () => ({ state: { letters: [...letters.values()] } }) as never,
    execute: async (_: string, command: CaseCommand) => {
      recorded.push(command);
      return {} as never;
    },
  };
}

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
