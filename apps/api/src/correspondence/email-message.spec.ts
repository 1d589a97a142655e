import type { CorrespondenceSent } from '#domain';
import { emailOf } from './email-message';

const sent = (channels: Array<'email' | 'post'>): CorrespondenceSent => ({
  type: 'CorrespondenceSent',
  occurredAt: '2026-11-23T12:00:00.000Z',
  data: {
    letterId: 'a1e1e1e1-0000-4000-8000-000000000001',
    template: 'acknowledgement',
    channels,
    addressedTo: 'complainant',
    to: { name: 'Ada Learner', email: 'ada@example.org' },
    subject: 'Your complaint',
    body: 'Dear Ada,\n',
  },
});
const settings = { from: 'Complaints <complaints@dmm.example>', host: 'feedback.dmm.example' };

describe('a letter’s e-mail', () => {
  it('goes to the addressee with the letter’s words and a Message-ID from its id', () => {
    expect(emailOf(sent(['email', 'post']), settings)).toEqual({
      from: 'Complaints <complaints@dmm.example>',
      to: { name: 'Ada Learner', address: 'ada@example.org' },
      subject: 'Your complaint',
      text: 'Dear Ada,\n',
      messageId: '<a1e1e1e1-0000-4000-8000-000000000001@feedback.dmm.example>',
    });
  });

  it('does not exist for a letter sent by post only', () => {
    expect(emailOf(sent(['post']), settings)).toBeNull();
  });
});
