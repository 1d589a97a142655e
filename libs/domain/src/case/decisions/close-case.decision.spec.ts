import { bundledPolicy } from '../../policy/bundled-policies';
import {
  acknowledge,
  autoClose,
  close,
  correspondence,
  escalate,
  operationsManager,
  receive,
  reopen,
  respond,
  sweep,
} from '../../testing/case-fixtures';
import { caseSpecification } from '../../testing/case-specification';
import { caseFlags } from '../case.flags';

const dmm = caseSpecification(bundledPolicy('dmm'));

// Formal complaint; stage 2 response Thursday 3 December 2026 → silence window ends 3 January 2027.
const respondedAtStage2 = () =>
  dmm.after(
    [receive({ formality: 'formal', receivedAt: '2026-11-23T09:00:00Z' }), '2026-11-23T09:00:00Z'],
    [respond({ at: '2026-12-03T15:00:00Z' }), '2026-12-03T15:00:00Z'],
  );

describe('auto-close after a calendar month of silence', () => {
  it('is not due on the last day of the window', () => {
    respondedAtStage2().when(autoClose, '2027-01-03T23:59:59.999Z').thenNothing();
  });

  it('closes as of the window’s end, with reason no-further-correspondence', () => {
    respondedAtStage2()
      .when(autoClose, '2027-01-04T00:00:00Z')
      .then([
        {
          type: 'CaseClosed',
          occurredAt: '2027-01-04T00:00:00.000Z',
          data: { reason: 'no-further-correspondence', note: null, appealsBody: null },
        },
      ]);
  });

  it('closes as of the window’s end even when the job runs days late', () => {
    respondedAtStage2()
      .when(autoClose, '2027-01-09T10:00:00Z')
      .thenMatches([{ occurredAt: '2027-01-04T00:00:00.000Z' }]);
  });

  it('is reset by correspondence after the response, which is flagged for attention', () => {
    const withLetter = dmm.after(
      [
        receive({ formality: 'formal', receivedAt: '2026-11-23T09:00:00Z' }),
        '2026-11-23T09:00:00Z',
      ],
      [respond({ at: '2026-12-03T15:00:00Z' }), '2026-12-03T15:00:00Z'],
      [correspondence({ receivedAt: '2026-12-20T10:00:00Z' }), '2026-12-21T09:00:00Z'],
    );
    expect(withLetter.state().autoCloseAt).toBeNull();
    expect(caseFlags(withLetter.state())).toContain('correspondence-since-response');
    withLetter.when(autoClose, '2027-02-01T00:00:00Z').thenNothing();
  });

  it('is not reset by correspondence dated before the response', () => {
    const { history } = respondedAtStage2();
    const state = dmm
      .given(...history)
      .when(correspondence({ receivedAt: '2026-12-01T10:00:00Z' }), '2026-12-04T09:00:00Z')
      .thenState();
    expect(state.autoCloseAt).toBe('2027-01-03T23:59:59.999Z');
  });

  it('is reset by escalation and by reopening', () => {
    const escalated = dmm.after(
      [
        receive({ formality: 'formal', receivedAt: '2026-11-23T09:00:00Z' }),
        '2026-11-23T09:00:00Z',
      ],
      [respond({ at: '2026-12-03T15:00:00Z' }), '2026-12-03T15:00:00Z'],
      [escalate({ requestReceivedAt: '2026-12-10T10:00:00Z' }), '2026-12-10T10:00:00Z'],
    );
    escalated.when(autoClose, '2027-02-01T00:00:00Z').thenNothing();

    const reopened = dmm.after(
      [
        receive({ formality: 'formal', receivedAt: '2026-11-23T09:00:00Z' }),
        '2026-11-23T09:00:00Z',
      ],
      [respond({ at: '2026-12-03T15:00:00Z' }), '2026-12-03T15:00:00Z'],
      [close({ reason: 'resolved' }), '2026-12-04T15:00:00Z'],
      [reopen(), '2026-12-05T15:00:00Z'],
    );
    reopened.when(autoClose, '2027-02-01T00:00:00Z').thenNothing();
  });

  it('starts again from a further response after correspondence', () => {
    const again = dmm.after(
      [
        receive({ formality: 'formal', receivedAt: '2026-11-23T09:00:00Z' }),
        '2026-11-23T09:00:00Z',
      ],
      [respond({ at: '2026-12-03T15:00:00Z' }), '2026-12-03T15:00:00Z'],
      [correspondence({ receivedAt: '2026-12-10T10:00:00Z' }), '2026-12-10T10:00:00Z'],
      [respond({ at: '2026-12-15T10:00:00Z' }), '2026-12-15T10:00:00Z'],
    );
    again.when(autoClose, '2027-01-15T23:59:59.999Z').thenNothing();
    again
      .when(autoClose, '2027-01-16T00:00:00Z')
      .thenMatches([{ occurredAt: '2027-01-16T00:00:00.000Z' }]);
  });

  it('does not apply at DMM stage 1, which has no silence rule, nor to an unresponded case', () => {
    dmm
      .after(
        [receive(), '2026-11-23T09:00:00Z'],
        [respond({ outcome: 'resolved' }), '2026-11-24T09:00:00Z'],
      )
      .when(autoClose, '2027-06-01T00:00:00Z')
      .thenNothing();
    dmm
      .after([receive({ formality: 'formal' }), '2026-11-23T09:00:00Z'])
      .when(autoClose, '2027-06-01T00:00:00Z')
      .thenNothing();
  });
});

describe('closing', () => {
  it('closes a case as resolved', () => {
    respondedAtStage2()
      .when(close({ reason: 'resolved', note: 'Agreed' }), '2026-12-05T10:00:00Z')
      .then([
        {
          type: 'CaseClosed',
          occurredAt: '2026-12-05T10:00:00.000Z',
          data: { reason: 'resolved', note: 'Agreed', appealsBody: null },
        },
      ]);
  });

  it('sends a complaint about assessment to the appeals procedure, naming the organisation', () => {
    const about = () => dmm.after([receive({ assessmentRelated: true }), '2026-11-23T09:00:00Z']);
    about()
      .when(close({ reason: 'redirected-to-appeals' }), '2026-11-23T10:00:00Z')
      .thenRefuses('appeals-body-required', 'invalid');
    about()
      .when(
        close({
          reason: 'redirected-to-appeals',
          appealsBody: 'BCS, The Chartered Institute for IT',
        }),
        '2026-11-23T10:00:00Z',
      )
      .thenMatches([
        {
          data: {
            reason: 'redirected-to-appeals',
            appealsBody: 'BCS, The Chartered Institute for IT',
          },
        },
      ]);
  });

  it('closes as resolved at first contact only on the day of receipt, in local time', () => {
    // Received Wednesday 10 June 2026 at 23:30 BST.
    const lateEvening = () =>
      dmm.after([receive({ receivedAt: '2026-06-10T22:30:00Z' }), '2026-06-10T22:30:00Z']);
    lateEvening()
      .when(close({ reason: 'resolved-at-first-contact' }), '2026-06-10T22:45:00Z')
      .thenMatches([{ data: { reason: 'resolved-at-first-contact' } }]);
    // 00:15 BST on Thursday is still Wednesday in UTC, but no longer the day of receipt.
    lateEvening()
      .when(close({ reason: 'resolved-at-first-contact' }), '2026-06-10T23:15:00Z')
      .thenRefuses('first-contact-is-same-day', 'rule');
  });

  it('closes as referred externally only once the referral is recorded', () => {
    respondedAtStage2()
      .when(close({ reason: 'referred-externally' }), '2026-12-05T10:00:00Z')
      .thenRefuses('no-external-referral', 'rule');
  });

  describe('a closed case', () => {
    const closed = () =>
      dmm.after(
        [receive(), '2026-11-23T09:00:00Z'],
        [close({ reason: 'withdrawn' }), '2026-11-23T10:00:00Z'],
      );

    it.each([
      ['acknowledge', acknowledge()],
      ['respond', respond()],
      ['escalate', escalate({ inWriting: true })],
      ['close', close({ reason: 'resolved' })],
      [
        'assign',
        {
          type: 'AssignOwner' as const,
          actor: operationsManager,
          data: { owner: { id: 'u9', name: 'New Owner' } },
        },
      ],
      ['record correspondence', correspondence()],
      [
        'refer externally',
        {
          type: 'RecordExternalReferral' as const,
          actor: operationsManager,
          data: { body: 'ESFA' },
        },
      ],
    ])('refuses to %s (409)', (_, command) => {
      closed().when(command, '2026-11-24T09:00:00Z').thenRefuses('case-closed', 'conflict');
    });

    it('still takes notes and categories, which annotate the record', () => {
      closed()
        .when(
          { type: 'AddNote', actor: operationsManager, data: { text: 'Filed' } },
          '2026-11-24T09:00:00Z',
        )
        .thenMatches([{ type: 'NoteAdded' }]);
      closed()
        .when(
          {
            type: 'ChangeCategories',
            actor: operationsManager,
            data: { categories: ['timetabling'] },
          },
          '2026-11-24T09:00:00Z',
        )
        .thenMatches([{ type: 'CategoriesChanged' }]);
    });
  });
});

describe('reopening', () => {
  it('reopens a closed case at its stage, restarting the stage’s response clock', () => {
    const closed = dmm.after(
      [
        receive({ formality: 'formal', receivedAt: '2026-11-23T09:00:00Z' }),
        '2026-11-23T09:00:00Z',
      ],
      [respond({ at: '2026-12-03T15:00:00Z' }), '2026-12-03T15:00:00Z'],
      [autoClose, '2027-01-05T00:00:00Z'],
    );
    const state = closed
      .when(reopen('Late letter found in the post room'), '2027-01-06T10:00:00Z')
      .thenState();
    expect(state).toMatchObject({
      status: 'open',
      stage: 2,
      closedAt: null,
      closeReason: null,
      autoCloseAt: null,
    });
    expect(state.deadlines.at(-1)).toEqual({
      kind: 'response',
      stage: 2,
      dueDate: '2027-01-20',
      dueBy: '2027-01-20T23:59:59.999Z',
      originalDueDate: '2027-01-20',
      originalDueBy: '2027-01-20T23:59:59.999Z',
      extensions: [],
      metAt: null,
      missed: false,
      recordedLate: false,
      cancelledAt: null,
    });
  });

  it('refuses to reopen a case that is not closed', () => {
    respondedAtStage2()
      .when(reopen(), '2026-12-05T10:00:00Z')
      .thenRefuses('case-not-closed', 'conflict');
  });
});

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
