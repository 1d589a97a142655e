import type { SendLetter } from '../case.commands';
import { bundledPolicy } from '../../policy/bundled-policies';
import { receive, staff, system } from '../../testing/case-fixtures';
import { caseSpecification } from '../../testing/case-specification';

const dmm = caseSpecification(bundledPolicy('dmm'));
const RECEIVED = '2026-11-23T09:00:00Z';
const SENT = '2026-11-23T12:00:00Z';
const LETTER = 'a1e1e1e1-0000-4000-8000-000000000001';

const letter = (data: Partial<SendLetter['data']> = {}): SendLetter => ({
  type: 'SendLetter',
  actor: staff,
  data: {
    letterId: LETTER,
    template: 'acknowledgement',
    channels: ['email'],
    addressedTo: 'complainant',
    subject: 'Your complaint DMM-2026-00042',
    body: 'Dear Ada, we have your complaint.',
    ...data,
  },
});
const printed = {
  documentId: 'sha256-abc',
  filename: 'letter.pdf',
  mediaType: 'application/pdf',
  size: 1234,
  sha256: 'abc',
};
const withEmail = () =>
  dmm.after([
    receive({ complainant: { name: 'Ada Learner', role: 'learner', email: 'ada@example.org' } }),
    RECEIVED,
  ]);
const withRepresentative = (authorised: boolean) =>
  dmm.after(
    [
      receive({
        representative: { name: 'Pat Parent', relationship: 'parent', email: 'pat@example.org' },
      }),
      RECEIVED,
    ],
    ...(authorised
      ? [[{ type: 'RecordRepresentativeAuthorisation', actor: staff, data: {} }, RECEIVED] as const]
      : []),
  );
const delivered = {
  type: 'RecordEmailDelivered' as const,
  actor: system('mail'),
  data: { letterId: LETTER, messageId: `<${LETTER}@clf>` },
};
const failed = {
  type: 'RecordEmailFailed' as const,
  actor: system('mail'),
  data: { letterId: LETTER, reason: '550 mailbox unavailable', attempts: 5 },
};

const sent = () =>
  withEmail()
    .when(letter(), SENT)
    .thenMatches([{ type: 'CorrespondenceSent' }]);

describe('writing to the complainant', () => {
  it('records what the person was told, to whom and how', () => {
    withEmail()
      .when(letter(), SENT)
      .then([
        {
          type: 'CorrespondenceSent',
          occurredAt: '2026-11-23T12:00:00.000Z',
          data: {
            letterId: LETTER,
            template: 'acknowledgement',
            channels: ['email'],
            addressedTo: 'complainant',
            to: { name: 'Ada Learner', email: 'ada@example.org' },
            subject: 'Your complaint DMM-2026-00042',
            body: 'Dear Ada, we have your complaint.',
          },
        },
      ]);
  });

  it('the same letter sent again is one letter', () => {
    const { history } = withEmail();
    dmm
      .given(...history, ...sent())
      .when(letter({ body: 'A retried request' }), SENT)
      .thenNothing();
  });

  it('keeps the printed letter with the case when it goes by post', () => {
    const state = dmm
      .after([receive(), RECEIVED])
      .when(letter({ channels: ['post'], printed }), SENT)
      .thenState();
    expect(state.documents.map((d) => d.id)).toEqual(['sha256-abc']);
    expect(state.letters).toEqual([
      { id: LETTER, sentAt: '2026-11-23T12:00:00.000Z', emailDelivery: 'not-emailed' },
    ]);
    dmm
      .after([receive(), RECEIVED])
      .when(letter({ channels: ['post'], printed }), SENT)
      .thenMatches([
        { type: 'DocumentAttached' },
        { type: 'CorrespondenceSent', data: { documentId: 'sha256-abc', channels: ['post'] } },
      ]);
  });

  it('goes by post only with its printed copy', () => {
    dmm
      .after([receive(), RECEIVED])
      .when(letter({ channels: ['post'] }), SENT)
      .thenRefuses('printed-letter-mismatch', 'invalid');
  });

  it('needs an e-mail address to go by e-mail', () => {
    dmm.after([receive(), RECEIVED]).when(letter(), SENT).thenRefuses('no-email-address', 'rule');
  });

  it('refuses a malformed address', () => {
    withEmail()
      .when(letter({ email: 'ada at example' }), SENT)
      .thenRefuses('invalid-email', 'invalid');
  });

  it('may use an address given with the letter', () => {
    dmm
      .after([receive(), RECEIVED])
      .when(letter({ email: 'ada.home@example.org' }), SENT)
      .thenMatches([{ data: { to: { name: 'Ada Learner', email: 'ada.home@example.org' } } }]);
  });

  it('sends nothing to a representative whose authority is not recorded', () => {
    withRepresentative(false)
      .when(letter({ addressedTo: 'representative' }), SENT)
      .thenRefuses('representative-not-authorised', 'rule');
  });

  it('writes to a representative once their authority is recorded', () => {
    withRepresentative(true)
      .when(letter({ addressedTo: 'representative' }), SENT)
      .thenMatches([
        {
          type: 'CorrespondenceSent',
          data: { to: { name: 'Pat Parent', email: 'pat@example.org' } },
        },
      ]);
  });

  it('is for people, not jobs', () => {
    withEmail()
      .when({ ...letter(), actor: system('mail') }, SENT)
      .thenRefuses('role-not-permitted', 'forbidden');
  });
});

describe('the e-mail of a letter', () => {
  it('is recorded as delivered once, by the dispatcher', () => {
    const { history } = withEmail();
    const events = [...history, ...sent()];
    dmm
      .given(...events)
      .when(delivered, '2026-11-23T12:00:05Z')
      .then([
        {
          type: 'EmailDelivered',
          occurredAt: '2026-11-23T12:00:05.000Z',
          data: {
            letterId: LETTER,
            messageId: `<${LETTER}@clf>`,
            at: '2026-11-23T12:00:05.000Z',
          },
        },
      ]);
  });

  it('a delivery recorded again changes nothing', () => {
    const { history } = withEmail();
    const events = [...history, ...sent()];
    const done = dmm
      .given(...events)
      .when(delivered, '2026-11-23T12:00:05Z')
      .thenState();
    expect(done.letters[0]?.emailDelivery).toBe('delivered');
    dmm
      .given(...events, {
        type: 'EmailDelivered',
        occurredAt: '2026-11-23T12:00:05.000Z',
        data: { letterId: LETTER, messageId: 'm', at: '2026-11-23T12:00:05.000Z' },
      })
      .when(failed, '2026-11-23T13:00:00Z')
      .thenNothing();
  });

  it('is recorded as failed after the last try', () => {
    const { history } = withEmail();
    const state = dmm
      .given(...history, ...sent())
      .when(failed, '2026-11-23T13:00:00Z')
      .thenState();
    expect(state.letters[0]?.emailDelivery).toBe('failed');
    expect(state.letters[0]?.failure).toEqual({
      at: '2026-11-23T13:00:00.000Z',
      attempts: failed.data.attempts,
    });
  });

  it('is recorded only by the dispatcher', () => {
    const { history } = withEmail();
    dmm
      .given(...history, ...sent())
      .when({ ...delivered, actor: staff }, '2026-11-23T13:00:00Z')
      .thenRefuses('role-not-permitted', 'forbidden');
  });

  it('of a letter never sent is refused', () => {
    withEmail().when(delivered, SENT).thenRefuses('unknown-letter', 'invalid');
  });
});
