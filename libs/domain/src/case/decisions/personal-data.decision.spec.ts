import { bundledPolicy } from '../../policy/bundled-policies';
import { ERASED_TEXT } from '../../personal-data/personal-fields';
import {
  close,
  dataProtection,
  erase,
  liftHold,
  placeHold,
  receive,
  respond,
  retain,
  autoClose,
  sweep,
  staff,
} from '../../testing/case-fixtures';
import { caseSpecification } from '../../testing/case-specification';
import type { AddNote } from '../case.commands';

const dmm = caseSpecification(bundledPolicy('dmm'));
const dpo = { id: dataProtection.id, name: dataProtection.name! };

const RECEIVED = '2026-11-23T09:00:00Z';
const received = () =>
  dmm.after([
    receive({
      receivedAt: RECEIVED,
      details: 'He shouted at me',
      complainant: { name: 'Ada Learner', email: 'ada@example.com', role: 'learner' },
    }),
    RECEIVED,
  ]);
const note: AddNote = { type: 'AddNote', actor: staff, data: { text: 'Called Ada' } };

describe('erasing a case’s personal data', () => {
  it('records who erased it, why, and which personal fields its events held', () => {
    received()
      .when(erase('Asked for erasure'), '2026-11-23T10:00:00Z')
      .then([
        {
          type: 'PersonalDataErased',
          occurredAt: '2026-11-23T10:00:00.000Z',
          data: {
            reason: 'Asked for erasure',
            fields: [
              'CaseReceived.complainant.email',
              'CaseReceived.complainant.name',
              'CaseReceived.details',
              'CaseReceived.summary',
            ],
            erasedBy: dpo,
          },
        },
      ]);
  });

  it('leaves the erased text where personal data was, and what reports count as it was', () => {
    const state = received().when(erase(), '2026-11-23T10:00:00Z').thenState();
    expect(state.summary).toBe(ERASED_TEXT);
    expect(state.details).toBe(ERASED_TEXT);
    expect(state.complainant).toEqual({
      name: ERASED_TEXT,
      email: ERASED_TEXT,
      role: 'learner',
      under18: false,
    });
    expect(state.kind).toBe('complaint');
    expect(state.receivedAt).toBe('2026-11-23T09:00:00.000Z');
    expect(state.erasure).toEqual({
      at: '2026-11-23T10:00:00.000Z',
      reason: 'The person asked for erasure',
      by: dpo,
    });
  });

  it('does nothing the second time (a retry is the same action)', () => {
    const erased = dmm.after([receive(), RECEIVED], [erase(), '2026-11-23T10:00:00Z']);
    erased.when(erase('Again'), '2026-11-23T11:00:00Z').thenNothing();
  });

  it('is refused under a legal hold, and allowed once it is lifted', () => {
    const held = dmm.after([receive(), RECEIVED], [placeHold(), '2026-11-24T10:00:00Z']);
    held.when(erase(), '2026-11-25T10:00:00Z').thenRefuses('case-under-legal-hold', 'conflict');
    dmm
      .after(
        [receive(), RECEIVED],
        [placeHold(), '2026-11-24T10:00:00Z'],
        [liftHold(), '2026-11-25T09:00:00Z'],
      )
      .when(erase(), '2026-11-25T10:00:00Z')
      .thenMatches([{ type: 'PersonalDataErased' }]);
  });

  it('refuses a person’s commands afterwards, but the scheduled jobs still work', () => {
    const erased = dmm.after(
      [receive({ formality: 'formal', receivedAt: RECEIVED }), RECEIVED],
      [respond({ at: '2026-12-03T15:00:00Z' }), '2026-12-03T15:00:00Z'],
      [erase(), '2026-12-04T10:00:00Z'],
    );
    erased.when(note, '2026-12-05T10:00:00Z').thenRefuses('case-erased', 'conflict');
    erased
      .when(close({ reason: 'resolved' }), '2026-12-05T10:00:00Z')
      .thenRefuses('case-erased', 'conflict');
    erased.when(autoClose, '2027-01-04T00:00:00Z').thenMatches([{ type: 'CaseClosed' }]);
    erased.when(sweep, '2027-01-04T00:00:00Z').thenNothing();
  });
});

describe('legal holds', () => {
  it('records the hold with its reason and who placed it; a second one does nothing', () => {
    const held = dmm.after([receive(), RECEIVED], [placeHold('Tribunal'), '2026-11-24T10:00:00Z']);
    expect(held.state().legalHold).toEqual({
      reason: 'Tribunal',
      since: '2026-11-24T10:00:00.000Z',
      by: dpo,
    });
    held.when(placeHold('Another'), '2026-11-25T10:00:00Z').thenNothing();
  });

  it('lifts a hold with a reason; lifting none does nothing', () => {
    dmm
      .after([receive(), RECEIVED], [placeHold(), '2026-11-24T10:00:00Z'])
      .when(liftHold('Settled'), '2026-11-25T10:00:00Z')
      .then([
        {
          type: 'LegalHoldLifted',
          occurredAt: '2026-11-25T10:00:00.000Z',
          data: { reason: 'Settled', liftedBy: dpo },
        },
      ]);
    received().when(liftHold(), '2026-11-25T10:00:00Z').thenNothing();
  });
});

describe('retention', () => {
  const closedOn = (at: string) =>
    dmm.after([receive({ receivedAt: RECEIVED }), RECEIVED], [close({ reason: 'withdrawn' }), at]);
  const REASON = "Kept 6 years after closure (the policy's retention period)";

  it('keeps personal data to the end of the sixth anniversary of the closing day (local time)', () => {
    // Closed 23 Nov 2026 at 9am London: kept through 23 Nov 2032, erased from its midnight.
    const closed = closedOn('2026-11-23T09:00:00Z');
    closed.when(retain, '2032-11-23T23:59:59.999Z').thenNothing();
    closed.when(retain, '2032-11-24T00:00:00Z').then([
      {
        type: 'PersonalDataErased',
        occurredAt: '2032-11-24T00:00:00.000Z',
        data: {
          reason: REASON,
          fields: ['CaseReceived.complainant.name', 'CaseReceived.summary'],
          erasedBy: null,
        },
      },
    ]);
  });

  it('counts the closing day in the policy’s time zone (British Summer Time)', () => {
    // 23:30 UTC on 30 June 2027 is already 1 July in London.
    const closed = closedOn('2027-06-30T23:30:00Z');
    closed.when(retain, '2033-06-30T23:30:00Z').thenNothing();
    closed.when(retain, '2033-07-01T23:00:00Z').thenMatches([{ type: 'PersonalDataErased' }]);
  });

  it('ends on 28 February, the anniversary of a 29 February closing in a common year', () => {
    const receivedLeap = '2028-02-28T09:00:00Z';
    const closed = dmm.after(
      [receive({ receivedAt: receivedLeap }), receivedLeap],
      [close({ reason: 'withdrawn' }), '2028-02-29T12:00:00Z'],
    );
    closed.when(retain, '2034-02-28T23:59:59.999Z').thenNothing();
    closed.when(retain, '2034-03-01T00:00:00Z').thenMatches([{ type: 'PersonalDataErased' }]);
  });

  it('does nothing for an open case, an erased one, or one under a legal hold', () => {
    received().when(retain, '2040-01-01T00:00:00Z').thenNothing();
    dmm
      .after(
        [receive({ receivedAt: RECEIVED }), RECEIVED],
        [close({ reason: 'withdrawn' }), '2026-11-23T10:00:00Z'],
        [placeHold(), '2026-11-24T10:00:00Z'],
      )
      .when(retain, '2040-01-01T00:00:00Z')
      .thenNothing();
    dmm
      .after(
        [receive({ receivedAt: RECEIVED }), RECEIVED],
        [close({ reason: 'withdrawn' }), '2026-11-23T10:00:00Z'],
        [erase(), '2026-11-24T10:00:00Z'],
      )
      .when(retain, '2040-01-01T00:00:00Z')
      .thenNothing();
  });

  it('is never caught up by a person’s command: only the job erases', () => {
    closedOn('2026-11-23T09:00:00Z')
      .when(placeHold(), '2040-01-01T00:00:00Z')
      .thenMatches([{ type: 'LegalHoldPlaced' }]);
  });
});
