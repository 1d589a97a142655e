import { bundledPolicy } from '../../policy/bundled-policies';
import {
  autoClose,
  escalate,
  operationsManager,
  receive,
  reopen,
  respond,
  sameDay,
  seniorManager,
} from '../../testing/case-fixtures';
import { caseSpecification } from '../../testing/case-specification';

const dmm = caseSpecification(bundledPolicy('dmm'));
const mactri = caseSpecification(bundledPolicy('mactri'));

describe('escalating, DMM', () => {
  const atStage1 = () =>
    dmm.after([receive({ receivedAt: '2026-11-23T09:00:00Z' }), '2026-11-23T09:00:00Z']);

  describe('stage 1 → 2', () => {
    it('needs the complaint in writing', () => {
      atStage1()
        .when(escalate({ inWriting: false }), '2026-11-24T09:00:00Z')
        .thenRefuses('stage-needs-written-complaint', 'rule');
    });

    it('counts the 10 working days from receipt of the written complaint', () => {
      atStage1()
        .when(
          escalate({ inWriting: true, requestReceivedAt: '2026-11-25T16:00:00Z' }),
          '2026-11-26T09:00:00Z',
        )
        .then([
          {
            type: 'CaseEscalated',
            occurredAt: '2026-11-25T16:00:00.000Z',
            data: {
              fromStage: 1,
              toStage: 2,
              stageName: 'Formal written complaint',
              reason: 'Not satisfied',
              inWriting: true,
              override: null,
              automatic: false,
              deadlines: [
                {
                  kind: 'response',
                  stage: 2,
                  dueDate: '2026-12-09',
                  dueBy: '2026-12-09T23:59:59.999Z',
                },
              ],
            },
          },
        ]);
    });

    it('takes the stage 1 acknowledgement clock out of the running', () => {
      const state = atStage1()
        .when(escalate({ inWriting: true }), '2026-11-24T09:00:00Z')
        .thenState();
      expect(state).toMatchObject({
        stage: 2,
        status: 'open',
        stageEnteredAt: '2026-11-24T09:00:00.000Z',
      });
    });
  });

  it.each([
    [{ toStage: 3 }, 'stages-cannot-be-skipped'],
    [{ toStage: 1 }, 'not-a-later-stage'],
  ])('refuses %o from stage 1', (data, code) => {
    atStage1()
      .when(escalate({ ...data, inWriting: true }), '2026-11-24T09:00:00Z')
      .thenRefuses(code, 'rule');
  });

  it('refuses to escalate a compliment', () => {
    dmm
      .after([receive({ kind: 'compliment' }), '2026-11-23T09:00:00Z'])
      .when(escalate(), '2026-11-24T09:00:00Z')
      .thenRefuses('complaints-only', 'rule');
  });

  describe('stage 2 → 3: within one calendar month of the stage 2 response', () => {
    // Stage 2 response on Friday 30 January 2026: the window closes at the end of Saturday 28 February.
    const responded = () =>
      dmm.after(
        [
          receive({ formality: 'formal', receivedAt: '2026-01-20T09:00:00Z' }),
          '2026-01-20T09:00:00Z',
        ],
        [respond({ at: '2026-01-30T12:00:00Z' }), '2026-01-30T12:00:00Z'],
      );

    it('accepts a request on the last evening of the window, with a 10-working-day clock from its receipt', () => {
      const [escalated] = responded()
        .when(escalate({ requestReceivedAt: '2026-02-28T23:30:00Z' }), '2026-02-28T23:45:00Z')
        .thenMatches([
          {
            type: 'CaseEscalated',
            data: {
              toStage: 3,
              stageName: 'Senior Management review',
              deadlines: [{ kind: 'response', stage: 3, dueDate: '2026-03-13' }],
            },
          },
        ]);
      expect(escalated.data).not.toHaveProperty('recordedAfterWindowClosed');
    });

    describe('a request dated inside the window but recorded after it closed', () => {
      // Received on the last evening (Saturday 28 February), typed in on Monday 2 March.
      const lateRecording = { requestReceivedAt: '2026-02-28T23:30:00Z' };

      it('is refused from anyone who may not override the window (422)', () => {
        const refusal = responded()
          .when(escalate(lateRecording, operationsManager), '2026-03-02T09:00:00Z')
          .thenRefuses('escalation-window-closed-when-recorded', 'rule');
        expect(refusal.message).toContain('senior manager');
      });

      it('counts from a senior manager, whose act confirms it, and the event says it was recorded late', () => {
        responded()
          .when(escalate(lateRecording, seniorManager), '2026-03-02T09:00:00Z')
          .thenMatches([
            {
              type: 'CaseEscalated',
              occurredAt: '2026-02-28T23:30:00.000Z',
              data: { toStage: 3, override: null, recordedAfterWindowClosed: true },
            },
          ]);
      });
    });

    describe('before the stage 2 response (the window opens with it)', () => {
      const atStage2 = () =>
        dmm.after([
          receive({ formality: 'formal', receivedAt: '2026-01-20T09:00:00Z' }),
          '2026-01-20T09:00:00Z',
        ]);

      it('is refused: a second escalation straight after the first does not skip the response (422)', () => {
        const refusal = atStage2()
          .when(escalate(), '2026-01-21T09:00:00Z')
          .thenRefuses('stage-response-needed', 'rule');
        expect(refusal.message).toContain('Formal written complaint');
      });

      it('is taken by a senior manager overriding with a recorded reason', () => {
        atStage2()
          .when(
            escalate({ override: { reason: 'Serious safeguarding concern' } }, seniorManager),
            '2026-01-21T09:00:00Z',
          )
          .thenMatches([
            {
              type: 'CaseEscalated',
              data: {
                fromStage: 2,
                toStage: 3,
                override: { reason: 'Serious safeguarding concern', by: { id: seniorManager.id } },
              },
            },
          ]);
      });
    });

    it('refuses one received at midnight after the window closed (422)', () => {
      responded()
        .when(escalate({ requestReceivedAt: '2026-03-01T00:00:00Z' }), '2026-03-02T09:00:00Z')
        .thenRefuses('escalation-window-closed', 'rule');
    });

    it('lets a senior manager override a late request with a recorded reason', () => {
      responded()
        .when(
          escalate(
            {
              requestReceivedAt: '2026-03-05T10:00:00Z',
              override: { reason: 'Complainant was in hospital' },
            },
            seniorManager,
          ),
          '2026-03-05T11:00:00Z',
        )
        .thenMatches([
          // The month of silence ended first: the case closed then, whether or not the job ran.
          {
            type: 'CaseClosed',
            occurredAt: '2026-03-01T00:00:00.000Z',
            data: { reason: 'no-further-correspondence' },
          },
          {
            type: 'CaseEscalated',
            data: {
              toStage: 3,
              override: {
                reason: 'Complainant was in hospital',
                by: { id: seniorManager.id, name: seniorManager.name },
              },
            },
          },
        ]);
    });

    it('takes a late request on a case the job closed after the month of silence only with an override', () => {
      const closedBySilence = () =>
        dmm.after(
          [
            receive({ formality: 'formal', receivedAt: '2026-01-20T09:00:00Z' }),
            '2026-01-20T09:00:00Z',
          ],
          [respond({ at: '2026-01-30T12:00:00Z' }), '2026-01-30T12:00:00Z'],
          [autoClose, '2026-03-01T06:00:00Z'],
        );
      closedBySilence()
        .when(escalate({ requestReceivedAt: '2026-03-04T10:00:00Z' }), '2026-03-04T11:00:00Z')
        .thenRefuses('escalation-window-closed', 'rule');
      const [escalated] = closedBySilence()
        .when(
          escalate(
            { requestReceivedAt: '2026-03-04T10:00:00Z', override: { reason: 'In hospital' } },
            seniorManager,
          ),
          '2026-03-04T11:00:00Z',
        )
        .thenMatches([{ type: 'CaseEscalated', data: { fromStage: 2, toStage: 3 } }]);
      expect(escalated.occurredAt).toBe('2026-03-04T10:00:00.000Z');
    });

    it('refuses an override from anyone but a senior manager (403)', () => {
      responded()
        .when(
          escalate(
            { requestReceivedAt: '2026-03-05T10:00:00Z', override: { reason: 'Because' } },
            operationsManager,
          ),
          '2026-03-05T11:00:00Z',
        )
        .thenRefuses('override-needs-senior-manager', 'forbidden');
    });

    it('clears the auto-close: escalation is the complainant’s further correspondence', () => {
      const state = responded()
        .when(escalate({ requestReceivedAt: '2026-02-10T10:00:00Z' }), '2026-02-10T10:00:00Z')
        .thenState();
      expect(state).toMatchObject({
        stage: 3,
        autoCloseAt: null,
        escalationWindowEndsAt: null,
        status: 'open',
      });
    });
  });

  it('refuses stage 4 as an escalation: it is recorded as an external referral', () => {
    const atStage3 = dmm.after(
      [receive({ formality: 'formal' }), '2026-01-20T09:00:00Z'],
      [respond(), '2026-01-30T12:00:00Z'],
      [escalate(), '2026-02-02T12:00:00Z'],
      [respond({}, seniorManager), '2026-02-10T12:00:00Z'],
    );
    atStage3
      .when(escalate({}, seniorManager), '2026-02-11T12:00:00Z')
      .thenRefuses('external-stage', 'rule');
  });
});

describe('escalating, MaCTRI', () => {
  it('moves an informal complaint to Investigation without needing it in writing', () => {
    mactri
      .after([receive({ channel: 'phone' }), '2026-11-23T09:00:00Z'])
      .when(escalate(), '2026-11-23T15:00:00Z')
      .thenMatches([{ data: { toStage: 2, stageName: 'Investigation', automatic: false } }]);
  });

  describe('an informal complaint not resolved on the day it was raised', () => {
    const raisedMonday = () =>
      mactri.after([
        receive({ channel: 'phone', receivedAt: '2026-11-23T10:00:00Z' }),
        '2026-11-23T10:00:00Z',
      ]);

    it('stays at stage 1 until its receipt day ends', () => {
      raisedMonday().when(sameDay, '2026-11-23T23:59:59.999Z').thenNothing();
    });

    it('moves to stage 2 at the first instant of the next day, with deadlines counted from then', () => {
      raisedMonday()
        .when(sameDay, '2026-11-24T00:00:00.000Z')
        .then([
          {
            type: 'CaseEscalated',
            occurredAt: '2026-11-24T00:00:00.000Z',
            data: {
              fromStage: 1,
              toStage: 2,
              stageName: 'Investigation',
              reason: 'Not resolved on the day it was raised',
              inWriting: false,
              override: null,
              automatic: true,
              deadlines: [
                {
                  kind: 'response',
                  stage: 2,
                  dueDate: '2026-12-08',
                  dueBy: '2026-12-08T23:59:59.999Z',
                },
              ],
            },
          },
        ]);
    });

    it('promises the same after days of downtime as on time', () => {
      raisedMonday()
        .when(sameDay, '2026-11-30T12:00:00Z')
        .thenMatches([
          {
            occurredAt: '2026-11-24T00:00:00.000Z',
            data: { deadlines: [{ dueDate: '2026-12-08' }] },
          },
        ]);
    });

    it('uses the local day: raised 23:30 BST, it moves at midnight BST (23:00 UTC)', () => {
      mactri
        .after([
          receive({ channel: 'phone', receivedAt: '2026-06-10T22:30:00Z' }),
          '2026-06-10T22:30:00Z',
        ])
        .when(sameDay, '2026-06-10T23:00:00Z')
        .thenMatches([{ occurredAt: '2026-06-10T23:00:00.000Z' }]);
    });

    it('does nothing twice: once moved, it is at stage 2', () => {
      const { history } = mactri.after(
        [receive({ channel: 'phone', receivedAt: '2026-11-23T10:00:00Z' }), '2026-11-23T10:00:00Z'],
        [sameDay, '2026-11-24T01:00:00Z'],
      );
      mactri
        .given(...history)
        .when(sameDay, '2026-11-24T02:00:00Z')
        .thenNothing();
    });

    it('does nothing to one resolved and closed on the day, to compliments, or under DMM', () => {
      mactri
        .after([
          receive({ channel: 'phone', resolvedAtFirstContact: { resolution: 'Sorted' } }),
          '2026-11-23T10:00:00Z',
        ])
        .when(sameDay, '2026-11-25T00:00:00Z')
        .thenNothing();
      mactri
        .after([receive({ kind: 'compliment' }), '2026-11-23T10:00:00Z'])
        .when(sameDay, '2026-11-25T00:00:00Z')
        .thenNothing();
      dmm
        .after([receive({ channel: 'phone' }), '2026-11-23T10:00:00Z'])
        .when(sameDay, '2026-11-25T00:00:00Z')
        .thenNothing();
    });
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
