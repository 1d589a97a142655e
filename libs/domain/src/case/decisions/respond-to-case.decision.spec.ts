import { bundledPolicy } from '../../policy/bundled-policies';
import { close, escalate, receive, respond, seniorManager } from '../../testing/case-fixtures';
import { caseSpecification } from '../../testing/case-specification';
import { caseFlags } from '../case.flags';

const dmm = caseSpecification(bundledPolicy('dmm'));

// Wednesday 23 December 2026: stage 1 acknowledgement due Tuesday 29th.
const informal = () =>
  dmm.after([receive({ receivedAt: '2026-12-23T10:00:00Z' }), '2026-12-23T10:00:00Z']);
// Monday 23 November 2026, formal: stage 2 response due Monday 7 December.
const formal = () =>
  dmm.after([
    receive({ formality: 'formal', receivedAt: '2026-11-23T09:00:00Z' }),
    '2026-11-23T09:00:00Z',
  ]);

describe('responding', () => {
  it('acknowledges as it responds: no prior acknowledgement is needed', () => {
    const state = informal()
      .when(respond({ outcome: 'resolved', at: '2026-12-24T10:00:00Z' }), '2026-12-24T10:00:00Z')
      .thenState();
    expect(state.status).toBe('responded');
    expect(state.deadlines[0]).toMatchObject({
      kind: 'acknowledgement',
      metAt: '2026-12-24T10:00:00.000Z',
      missed: false,
      cancelledAt: null,
    });
  });

  it('at stage 1 (DMM) opens no auto-close and no escalation window', () => {
    informal()
      .when(respond({ outcome: 'resolved' }), '2026-12-24T10:00:00Z')
      .thenMatches([
        {
          type: 'CaseResponded',
          data: {
            stage: 1,
            escalationWindowEndsAt: null,
            autoCloseAt: null,
            addressedTo: 'complainant',
          },
        },
      ]);
  });

  it('at stage 2 meets the 10-day clock and opens one calendar month for stage 3 and before auto-close', () => {
    formal()
      .when(respond({ at: '2026-12-03T15:00:00Z', outcome: 'not-upheld' }), '2026-12-03T15:00:00Z')
      .thenMatches([
        {
          type: 'CaseResponded',
          occurredAt: '2026-12-03T15:00:00.000Z',
          data: {
            stage: 2,
            outcome: 'not-upheld',
            escalationWindowEndsAt: '2027-01-03T23:59:59.999Z',
            autoCloseAt: '2027-01-03T23:59:59.999Z',
          },
        },
      ]);
  });

  it('counts the month from a 31st into a shorter month', () => {
    const received = dmm.after([
      receive({ formality: 'formal', receivedAt: '2027-01-20T09:00:00Z' }),
      '2027-01-20T09:00:00Z',
    ]);
    received
      .when(respond({ at: '2027-01-31T10:00:00Z' }), '2027-01-31T10:00:00Z')
      .thenMatches([{ data: { escalationWindowEndsAt: '2027-02-28T23:59:59.999Z' } }]);
  });

  it('records a response after the due date as late', () => {
    const state = formal()
      .when(respond({ at: '2026-12-08T09:00:00Z' }), '2026-12-08T09:00:00Z')
      .thenState();
    expect(state.deadlines[0]).toMatchObject({
      kind: 'response',
      dueDate: '2026-12-07',
      missed: true,
      cancelledAt: null,
    });
  });

  it('marks each deadline it meets by its own: the acknowledgement recorded late, the response on time', () => {
    // Stage 1: acknowledgement due Tue 29 Dec. A response dated Mon 28th, typed in on Thu 31st.
    const [responded] = informal()
      .when(respond({ outcome: 'resolved', at: '2026-12-28T10:00:00Z' }), '2026-12-31T10:00:00Z')
      .thenMatches([
        { type: 'CaseResponded', data: { recordedAfterDeadline: ['acknowledgement'] } },
      ]);
    expect(responded.occurredAt).toBe('2026-12-28T10:00:00.000Z');
    // Stage 2: the response is due Mon 7 Dec; recorded on the 4th for the 3rd: on time.
    const [onTime] = formal()
      .when(respond({ at: '2026-12-03T15:00:00Z' }), '2026-12-04T09:00:00Z')
      .thenMatches([{ type: 'CaseResponded' }]);
    expect(onTime.data).not.toHaveProperty('recordedAfterDeadline');
    // … and typed in on Tuesday 8th for Friday 4th: recorded late.
    const deadline = formal()
      .when(respond({ at: '2026-12-04T15:00:00Z' }), '2026-12-08T09:00:00Z')
      .thenState()
      .deadlines.find((d) => d.kind === 'response');
    expect(deadline).toMatchObject({ missed: false, recordedLate: true });
  });

  it('refuses "noted" as the outcome of a complaint, and "upheld" for a compliment', () => {
    formal()
      .when(respond({ outcome: 'noted' }), '2026-11-24T09:00:00Z')
      .thenRefuses('outcome-not-for-kind', 'invalid');
    const compliment = dmm.after([receive({ kind: 'compliment' }), '2026-11-23T09:00:00Z']);
    compliment
      .when(respond({ outcome: 'upheld' }), '2026-11-24T09:00:00Z')
      .thenRefuses('outcome-not-for-kind', 'invalid');
  });

  it('meets a compliment’s requested response with "noted"', () => {
    const compliment = dmm.after([
      receive({ kind: 'compliment', responseRequested: true, receivedAt: '2026-11-23T09:00:00Z' }),
      '2026-11-23T09:00:00Z',
    ]);
    const state = compliment
      .when(respond({ outcome: 'noted' }), '2026-11-24T09:00:00Z')
      .thenState();
    expect(state.deadlines).toEqual([
      {
        kind: 'response',
        stage: null,
        dueDate: '2026-12-07',
        dueBy: '2026-12-07T23:59:59.999Z',
        originalDueDate: '2026-12-07',
        originalDueBy: '2026-12-07T23:59:59.999Z',
        extensions: [],
        metAt: '2026-11-24T09:00:00.000Z',
        missed: false,
        recordedLate: false,
        cancelledAt: null,
      },
    ]);
    expect(state.autoCloseAt).toBeNull();
  });

  it('refuses a response time before the current stage began', () => {
    const escalated = dmm.after(
      [receive({ receivedAt: '2026-11-23T09:00:00Z' }), '2026-11-23T09:00:00Z'],
      [
        {
          type: 'EscalateCase',
          actor: { id: 'u-ops', roles: ['operations-manager'] },
          data: {
            reason: 'Wants it formal',
            inWriting: true,
            requestReceivedAt: '2026-11-25T09:00:00Z',
          },
        },
        '2026-11-25T09:00:00Z',
      ],
    );
    escalated
      .when(respond({ at: '2026-11-24T09:00:00Z' }), '2026-11-26T09:00:00Z')
      .thenRefuses('time-before-case', 'invalid');
  });
});

describe('a stage handled by someone other than who handled the last (policy switch)', () => {
  const ombudsman = bundledPolicy('dmm');
  const strict = caseSpecification({
    ...ombudsman,
    rules: { ...ombudsman.rules, nextStageHandledBySomeoneElse: true },
  });
  const anotherSenior = {
    id: 'u-senior-2',
    name: 'Sid Senior',
    roles: ['senior-manager'],
  } as const;
  const atStage3RespondedBy = (spec: typeof dmm) =>
    spec.after(
      [
        receive({ formality: 'formal', receivedAt: '2026-11-23T09:00:00Z' }),
        '2026-11-23T09:00:00Z',
      ],
      [respond({}, seniorManager), '2026-11-30T09:00:00Z'],
      [escalate({}, seniorManager), '2026-12-01T09:00:00Z'],
    );

  it('refuses the stage 3 response, or closing at stage 3, from whoever gave the stage 2 response (422)', () => {
    atStage3RespondedBy(strict)
      .when(respond({}, seniorManager), '2026-12-02T09:00:00Z')
      .thenRefuses('needs-different-handler', 'rule');
    atStage3RespondedBy(strict)
      .when(close({ reason: 'resolved' }, seniorManager), '2026-12-02T09:00:00Z')
      .thenRefuses('needs-different-handler', 'rule');
  });

  it('takes it from someone else', () => {
    atStage3RespondedBy(strict)
      .when(respond({}, anotherSenior), '2026-12-02T09:00:00Z')
      .thenMatches([
        { type: 'CaseResponded', data: { stage: 3, respondedBy: { id: 'u-senior-2' } } },
      ]);
  });

  it('is off for DMM: the same senior manager may respond at both stages', () => {
    atStage3RespondedBy(dmm)
      .when(respond({}, seniorManager), '2026-12-02T09:00:00Z')
      .thenMatches([{ type: 'CaseResponded' }]);
  });
});

describe('representatives', () => {
  const byRepresentative = () =>
    dmm.after([
      receive({
        formality: 'formal',
        representative: { name: 'Pat Parent', relationship: 'parent' },
      }),
      '2026-11-23T09:00:00Z',
    ]);

  it('refuses a response addressed to a representative whose authorisation is not recorded', () => {
    byRepresentative()
      .when(respond({ addressedTo: 'representative' }), '2026-11-24T09:00:00Z')
      .thenRefuses('representative-not-authorised', 'rule');
  });

  it('still lets the response go to the complainant', () => {
    byRepresentative()
      .when(respond({ addressedTo: 'complainant' }), '2026-11-24T09:00:00Z')
      .thenMatches([{ type: 'CaseResponded' }]);
  });

  it('allows it once the written authorisation is recorded, and clears the flag', () => {
    const { history } = dmm.after(
      [
        receive({
          formality: 'formal',
          representative: { name: 'Pat Parent', relationship: 'parent' },
        }),
        '2026-11-23T09:00:00Z',
      ],
      [
        {
          type: 'RecordRepresentativeAuthorisation',
          actor: { id: 'u-ops', roles: ['operations-manager'] },
          data: { receivedAt: '2026-11-23T15:00:00Z' },
        },
        '2026-11-23T16:00:00Z',
      ],
    );
    const state = dmm
      .given(...history)
      .when(respond({ addressedTo: 'representative' }), '2026-11-24T09:00:00Z')
      .thenState();
    expect(caseFlags(state)).not.toContain('representative-unauthorised');
  });

  it('refuses to address a representative the case does not have', () => {
    formal()
      .when(respond({ addressedTo: 'representative' }), '2026-11-24T09:00:00Z')
      .thenRefuses('no-representative', 'invalid');
  });
});

describe('learning points', () => {
  it('are kept with the response when the person responding says what was learned or changed', () => {
    const responded = formal().when(
      respond({
        at: '2026-12-03T15:00:00Z',
        outcome: 'upheld',
        learning: 'Mentors now confirm every session by text the day before',
      }),
      '2026-12-03T15:00:00Z',
    );
    responded.thenMatches([
      {
        type: 'CaseResponded',
        data: { learning: 'Mentors now confirm every session by text the day before' },
      },
    ]);
    expect(responded.thenState().learningPoints).toEqual([
      {
        at: '2026-12-03T15:00:00.000Z',
        stage: 2,
        text: 'Mentors now confirm every session by text the day before',
        saidWhen: 'responding',
      },
    ]);
  });

  it('are left out of the event, and the case, when none was given', () => {
    const responded = informal().when(respond({ outcome: 'resolved' }), '2026-12-24T10:00:00Z');
    const [event] = responded.thenMatches([{ type: 'CaseResponded' }]);
    expect(event.data).not.toHaveProperty('learning');
    expect(responded.thenState().learningPoints).toEqual([]);
  });

  it('are kept when closing too, after any given with the response', () => {
    const state = dmm
      .after(
        [
          receive({ formality: 'formal', receivedAt: '2026-11-23T09:00:00Z' }),
          '2026-11-23T09:00:00Z',
        ],
        [respond({ outcome: 'upheld', learning: 'First' }), '2026-12-03T15:00:00Z'],
      )
      .when(close({ reason: 'resolved', learning: 'Second' }), '2026-12-04T09:00:00Z')
      .thenState();
    expect(state.learningPoints.map((point) => [point.text, point.saidWhen])).toEqual([
      ['First', 'responding'],
      ['Second', 'closing'],
    ]);
  });
});
