import { caseStream } from '#domain';
import { SqliteEventStore } from '#event-store';
import { MailQueue } from './mail-queue';
import { EVENT_METADATA } from './testing/outbox-fixtures';

const CASE_ID = '0d0c6a4e-4b8f-4c1e-9d39-2f3f8d3f6a11';
const event = (id: string, type: string, data: object, occurredAt: string) => ({
  id,
  type,
  data,
  occurredAt,
  metadata: EVENT_METADATA,
});
const sent = (letterId: string, channels: string[], at: string) =>
  event(`sent-${letterId}`, 'CorrespondenceSent', { letterId, channels }, at);

describe('the outbox told from the events', () => {
  it('holds e-mails until delivered, keeps failed ones apart, and ignores letters sent by post only', async () => {
    const events = new SqliteEventStore({ filename: ':memory:' });
    const queue = new MailQueue(events);
    await events.append(
      caseStream(CASE_ID),
      [
        sent('l-1', ['email'], '2026-12-01T09:00:00Z'),
        sent('l-2', ['email', 'post'], '2026-12-01T10:00:00Z'),
        sent('l-3', ['post'], '2026-12-01T11:00:00Z'),
      ],
      'no-stream',
    );
    expect(await queue.current()).toEqual({
      waiting: [
        {
          letterId: 'l-1',
          caseId: CASE_ID,
          queuedAt: '2026-12-01T09:00:00Z',
          failedAt: null,
          attempts: null,
        },
        {
          letterId: 'l-2',
          caseId: CASE_ID,
          queuedAt: '2026-12-01T10:00:00Z',
          failedAt: null,
          attempts: null,
        },
      ],
      failed: [],
    });

    await events.append(
      caseStream(CASE_ID),
      [
        event(
          'd-1',
          'EmailDelivered',
          { letterId: 'l-1', messageId: '<l-1@x>', at: '2026-12-01T12:00:00Z' },
          '2026-12-01T12:00:00Z',
        ),
        event(
          'f-2',
          'EmailFailed',
          { letterId: 'l-2', reason: 'refused', attempts: 5 },
          '2026-12-01T13:00:00Z',
        ),
      ],
      2,
    );
    expect(await queue.current()).toEqual({
      waiting: [],
      failed: [
        {
          letterId: 'l-2',
          caseId: CASE_ID,
          queuedAt: '2026-12-01T10:00:00Z',
          failedAt: '2026-12-01T13:00:00Z',
          attempts: 5,
        },
      ],
    });
    await events.close();
  });

  it('reads a store larger than one page in full', async () => {
    const events = new SqliteEventStore({ filename: ':memory:' });
    const letters = Array.from({ length: 1_001 }, (_, i) =>
      sent(`l-${i}`, ['email'], '2026-12-01T09:00:00Z'),
    );
    await events.append(caseStream(CASE_ID), letters, 'no-stream');
    expect((await new MailQueue(events).current()).waiting).toHaveLength(1_001);
    await events.close();
  });
});
