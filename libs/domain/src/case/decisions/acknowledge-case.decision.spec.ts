import { bundledPolicy } from '../../policy/bundled-policies';
import { acknowledge, receive, sweep } from '../../testing/case-fixtures';
import { caseSpecification } from '../../testing/case-specification';

const dmm = caseSpecification(bundledPolicy('dmm'));

// Wednesday 23 December 2026: stage 1 acknowledgement due Tuesday 29th.
const informal = () =>
  dmm.after([receive({ receivedAt: '2026-12-23T10:00:00Z' }), '2026-12-23T10:00:00Z']);

describe('acknowledging', () => {
  it('meets the stage 1 clock on its last day', () => {
    const state = informal()
      .when(acknowledge({ at: '2026-12-29T23:59:00Z', method: 'email' }), '2026-12-29T23:59:30Z')
      .thenState();
    expect(state.status).toBe('acknowledged');
    expect(state.deadlines).toEqual([
      {
        kind: 'acknowledgement',
        stage: 1,
        dueDate: '2026-12-29',
        dueBy: '2026-12-29T23:59:59.999Z',
        originalDueDate: '2026-12-29',
        originalDueBy: '2026-12-29T23:59:59.999Z',
        extensions: [],
        metAt: '2026-12-29T23:59:00.000Z',
        missed: false,
        recordedLate: false,
        cancelledAt: null,
      },
    ]);
  });

  describe('recorded after the deadline it claims to meet had ended', () => {
    // Acknowledged by phone on Tuesday 29th, the last day; typed in on Wednesday 30th.
    const lateRecording = acknowledge({ at: '2026-12-29T15:00:00Z', method: 'phone' });

    it('says so in the event, and the deadline is met but recorded late: neither on time nor missed', () => {
      informal()
        .when(lateRecording, '2026-12-30T08:00:00Z')
        .thenMatches([
          {
            type: 'CaseAcknowledged',
            occurredAt: '2026-12-29T15:00:00.000Z',
            data: { recordedAfterDeadline: ['acknowledgement'] },
          },
        ]);
      expect(
        informal().when(lateRecording, '2026-12-30T08:00:00Z').thenState().deadlines[0],
      ).toMatchObject({ metAt: '2026-12-29T15:00:00.000Z', missed: false, recordedLate: true });
    });

    it('never shows a deadline met before it ended beside "missed", even when the sweep had recorded the miss', () => {
      const swept = dmm.after(
        [receive({ receivedAt: '2026-12-23T10:00:00Z' }), '2026-12-23T10:00:00Z'],
        [sweep, '2026-12-30T00:05:00Z'],
      );
      expect(swept.state().deadlines[0].missed).toBe(true);
      const deadline = swept.when(lateRecording, '2026-12-30T08:00:00Z').thenState().deadlines[0];
      expect(deadline).toMatchObject({
        metAt: '2026-12-29T15:00:00.000Z',
        missed: false,
        recordedLate: true,
      });
    });

    it('is not marked when recorded before the deadline ended, however long after the act', () => {
      const [acknowledged] = informal()
        .when(acknowledge({ at: '2026-12-23T11:00:00Z' }), '2026-12-29T23:00:00Z')
        .thenMatches([{ type: 'CaseAcknowledged' }]);
      expect(acknowledged.data).not.toHaveProperty('recordedAfterDeadline');
    });
  });

  it('counts an acknowledgement the day after as late', () => {
    const state = informal()
      .when(acknowledge({ at: '2026-12-30T00:00:00Z' }), '2026-12-30T08:00:00Z')
      .thenState();
    expect(state.deadlines[0]).toMatchObject({
      metAt: '2026-12-30T00:00:00.000Z',
      missed: true,
      cancelledAt: null,
    });
  });

  it('records how and with what note', () => {
    informal()
      .when(acknowledge({ method: 'phone', note: 'Spoke to Ada' }), '2026-12-24T09:00:00Z')
      .then([
        {
          type: 'CaseAcknowledged',
          occurredAt: '2026-12-24T09:00:00.000Z',
          data: { stage: 1, method: 'phone', note: 'Spoke to Ada' },
        },
      ]);
  });

  it('refuses a second acknowledgement at the same stage', () => {
    const { history } = dmm.after(
      [receive(), '2026-11-23T09:00:00Z'],
      [acknowledge(), '2026-11-23T10:00:00Z'],
    );
    dmm
      .given(...history)
      .when(acknowledge(), '2026-11-23T11:00:00Z')
      .thenRefuses('already-acknowledged', 'conflict');
  });

  it('refuses a time before receipt, or in the future', () => {
    informal()
      .when(acknowledge({ at: '2026-12-23T09:59:59Z' }), '2026-12-24T09:00:00Z')
      .thenRefuses('time-before-case', 'invalid');
    informal()
      .when(acknowledge({ at: '2026-12-24T09:00:01Z' }), '2026-12-24T09:00:00Z')
      .thenRefuses('time-in-future', 'invalid');
  });

  it('refuses a case that does not exist', () => {
    dmm
      .given()
      .when(acknowledge(), '2026-11-23T09:00:00Z')
      .thenRefuses('case-not-found', 'not-found');
  });
});
