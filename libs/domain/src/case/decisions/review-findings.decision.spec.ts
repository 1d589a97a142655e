import { bundledPolicy } from '../../policy/bundled-policies';
import {
  autoClose,
  close,
  escalate,
  receive,
  reopen,
  respond,
  sameDay,
  sweep,
} from '../../testing/case-fixtures';
import { caseSpecification } from '../../testing/case-specification';

const dmm = caseSpecification(bundledPolicy('dmm'));
const mactri = caseSpecification(bundledPolicy('mactri'));

describe('closing and reopening do not revive old clocks', () => {
  // Formal, received Monday 2 November 2026 (response due 16th), withdrawn on the 3rd, reopened 1 December.
  const reopened = () =>
    dmm.after(
      [
        receive({ formality: 'formal', receivedAt: '2026-11-02T09:00:00Z' }),
        '2026-11-02T09:00:00Z',
      ],
      [close({ reason: 'withdrawn' }), '2026-11-03T09:00:00Z'],
      [reopen(), '2026-12-01T09:00:00Z'],
    );

  it('cancels the deadlines a case had running when it closed', () => {
    expect(reopened().state().deadlines[0]).toMatchObject({
      dueDate: '2026-11-16',
      metAt: null,
      missed: false,
      cancelledAt: '2026-11-03T09:00:00.000Z',
    });
  });

  it('so the sweep does not record them missed after the reopening', () => {
    reopened().when(sweep, '2026-12-02T09:00:00Z').thenNothing();
  });

  it('and a response after reopening meets only the new clock', () => {
    const state = reopened().when(respond(), '2026-12-02T09:00:00Z').thenState();
    expect(state.deadlines.map((d) => [d.dueDate, d.metAt !== null, d.missed])).toEqual([
      ['2026-11-16', false, false],
      ['2026-12-15', true, false],
    ]);
  });
});

describe('the stage 3 window survives a reopening', () => {
  it('still refuses a late request on a case reopened after auto-close, unless overridden', () => {
    dmm
      .after(
        [
          receive({ formality: 'formal', receivedAt: '2026-11-23T09:00:00Z' }),
          '2026-11-23T09:00:00Z',
        ],
        [respond({ at: '2026-12-03T15:00:00Z' }), '2026-12-03T15:00:00Z'],
        [autoClose, '2027-01-05T00:00:00Z'],
        [reopen(), '2027-03-06T09:00:00Z'],
      )
      .when(escalate({ requestReceivedAt: '2027-03-06T09:00:00Z' }), '2027-03-06T10:00:00Z')
      .thenRefuses('escalation-window-closed', 'rule');
  });
});

describe('an escalation request cannot predate the current stage', () => {
  it('refuses a stage 3 request dated before stage 2 began', () => {
    dmm
      .after(
        [receive({ receivedAt: '2026-01-05T09:00:00Z' }), '2026-01-05T09:00:00Z'],
        [
          escalate({ inWriting: true, requestReceivedAt: '2026-06-01T09:00:00Z' }),
          '2026-06-01T09:00:00Z',
        ],
        [respond({ at: '2026-06-05T09:00:00Z' }), '2026-06-05T09:00:00Z'],
      )
      .when(escalate({ requestReceivedAt: '2026-01-10T09:00:00Z' }), '2026-06-06T09:00:00Z')
      .thenRefuses('time-before-case', 'invalid');
  });
});

describe('same-day escalation, MaCTRI', () => {
  it('moves a reopened case from its reopening, not from the day after receipt', () => {
    mactri
      .after(
        [
          receive({
            channel: 'in-person',
            receivedAt: '2026-11-02T10:00:00Z',
            resolvedAtFirstContact: { resolution: 'Sorted' },
          }),
          '2026-11-02T10:00:00Z',
        ],
        [reopen(), '2026-12-01T09:00:00Z'],
      )
      .when(sameDay, '2026-12-01T10:00:00Z')
      .thenMatches([
        {
          type: 'CaseEscalated',
          occurredAt: '2026-12-01T09:00:00.000Z',
          data: { deadlines: [{ dueDate: '2026-12-15' }] },
        },
      ]);
  });

  it('leaves alone a complaint answered on the day it was raised', () => {
    mactri
      .after(
        [receive({ channel: 'phone', receivedAt: '2026-11-23T10:00:00Z' }), '2026-11-23T10:00:00Z'],
        [respond({ outcome: 'resolved' }), '2026-11-23T15:00:00Z'],
      )
      .when(sameDay, '2026-11-24T09:00:00Z')
      .thenNothing();
  });
});

describe('business times', () => {
  it('refuses a time with no offset, which the server would read in its own zone', () => {
    dmm
      .given()
      .when(receive({ receivedAt: '2026-07-01T23:30' }), '2026-07-02T09:00:00Z')
      .thenRefuses('invalid-instant', 'invalid');
    dmm
      .given()
      .when(receive({ receivedAt: 'July 1, 2026' }), '2026-07-02T09:00:00Z')
      .thenRefuses('invalid-instant', 'invalid');
    dmm
      .given()
      .when(receive({ receivedAt: '2026-07-01T23:30:00+01:00' }), '2026-07-02T09:00:00Z')
      .thenMatches([{ occurredAt: '2026-07-01T22:30:00.000Z' }]);
  });
});
