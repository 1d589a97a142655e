import type { CaseEvent } from '#domain';
import { lettersOf } from './letter-list';

const sent = (letterId: string, channels: Array<'email' | 'post'>): CaseEvent => ({
  type: 'CorrespondenceSent',
  occurredAt: '2026-11-23T12:00:00.000Z',
  data: {
    letterId,
    template: 'acknowledgement',
    channels,
    addressedTo: 'complainant',
    to: { name: 'Ada', email: 'ada@example.org' },
    subject: 'S',
    body: 'B',
  },
});

describe('the letters of a case', () => {
  it('tell each letter’s e-mail: waiting, delivered, failed, or none', () => {
    const letters = lettersOf([
      sent('a', ['email']),
      sent('b', ['email', 'post']),
      sent('c', ['email']),
      sent('d', ['post']),
      {
        type: 'EmailDelivered',
        occurredAt: '2026-11-23T12:00:05.000Z',
        data: { letterId: 'b', messageId: '<b@clf>', at: '2026-11-23T12:00:05.000Z' },
      },
      {
        type: 'EmailFailed',
        occurredAt: '2026-11-23T13:00:00.000Z',
        data: { letterId: 'c', reason: '550 no such user', attempts: 5 },
      },
    ]);
    expect(letters.map((l) => [l.letterId, l.email.state])).toEqual([
      ['a', 'waiting'],
      ['b', 'delivered'],
      ['c', 'failed'],
      ['d', 'not-emailed'],
    ]);
    expect(letters[1].email).toEqual({
      state: 'delivered',
      messageId: '<b@clf>',
      deliveredAt: '2026-11-23T12:00:05.000Z',
      failure: null,
    });
    expect(letters[2].email.failure).toEqual({ reason: '550 no such user', attempts: 5 });
  });
});
