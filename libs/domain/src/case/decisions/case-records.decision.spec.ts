import { bundledPolicy } from '../../policy/bundled-policies';
import {
  acknowledge,
  close,
  correspondence,
  escalate,
  operationsManager,
  receive,
  respond,
  seniorManager,
  staff,
  sweep,
} from '../../testing/case-fixtures';
import { caseSpecification } from '../../testing/case-specification';

const dmm = caseSpecification(bundledPolicy('dmm'));

describe('missed deadlines (sla-sweep)', () => {
  // Wednesday 23 December 2026: acknowledgement due by the end of Tuesday 29th.
  const received = () =>
    dmm.after([receive({ receivedAt: '2026-12-23T10:00:00Z' }), '2026-12-23T10:00:00Z']);

  it('records nothing before the deadline has ended', () => {
    received().when(sweep, '2026-12-29T23:59:59.999Z').thenNothing();
  });

  it('records the miss as of the first instant after the deadline', () => {
    received()
      .when(sweep, '2027-01-04T09:00:00Z')
      .then([
        {
          type: 'DeadlineMissed',
          occurredAt: '2026-12-30T00:00:00.000Z',
          data: {
            kind: 'acknowledgement',
            stage: 1,
            dueDate: '2026-12-29',
            dueBy: '2026-12-29T23:59:59.999Z',
          },
        },
      ]);
  });

  it('records each miss once', () => {
    const { history } = dmm.after(
      [receive({ receivedAt: '2026-12-23T10:00:00Z' }), '2026-12-23T10:00:00Z'],
      [sweep, '2026-12-30T00:05:00Z'],
    );
    dmm
      .given(...history)
      .when(sweep, '2026-12-30T00:10:00Z')
      .thenNothing();
  });

  it('still lets the late acknowledgement be recorded, as late', () => {
    const { history } = dmm.after(
      [receive({ receivedAt: '2026-12-23T10:00:00Z' }), '2026-12-23T10:00:00Z'],
      [sweep, '2026-12-30T00:05:00Z'],
    );
    const state = dmm
      .given(...history)
      .when(acknowledge(), '2026-12-30T09:00:00Z')
      .thenState();
    expect(state.deadlines[0]).toMatchObject({ missed: true, metAt: '2026-12-30T09:00:00.000Z' });
  });

  it('ignores met deadlines, closed cases, and deadlines of a stage the case has left', () => {
    dmm
      .after(
        [receive({ receivedAt: '2026-12-23T10:00:00Z' }), '2026-12-23T10:00:00Z'],
        [acknowledge(), '2026-12-24T10:00:00Z'],
      )
      .when(sweep, '2027-01-04T09:00:00Z')
      .thenNothing();
    dmm
      .after(
        [receive({ receivedAt: '2026-12-23T10:00:00Z' }), '2026-12-23T10:00:00Z'],
        [close({ reason: 'withdrawn' }), '2026-12-24T10:00:00Z'],
      )
      .when(sweep, '2027-01-04T09:00:00Z')
      .thenNothing();
    const moved = dmm.after(
      [receive({ receivedAt: '2026-12-23T10:00:00Z' }), '2026-12-23T10:00:00Z'],
      [escalate({ inWriting: true }), '2026-12-24T10:00:00Z'],
    );
    moved.when(sweep, '2026-12-31T09:00:00Z').thenNothing(); // the stage 2 response is due 2027-01-12
    moved.when(sweep, '2027-01-12T23:59:59.999Z').thenNothing();
    moved
      .when(sweep, '2027-01-13T09:00:00Z')
      .thenMatches([{ data: { kind: 'response', stage: 2, dueDate: '2027-01-12' } }]);
  });
});

describe('external referral (DMM stage 4)', () => {
  const atStage3 = () =>
    dmm.after(
      [receive({ formality: 'formal' }), '2026-01-20T09:00:00Z'],
      [respond(), '2026-01-30T12:00:00Z'],
      [escalate(), '2026-02-02T12:00:00Z'],
      [respond({}, seniorManager), '2026-02-10T12:00:00Z'],
    );
  const refer = {
    type: 'RecordExternalReferral' as const,
    actor: seniorManager,
    data: {
      body: 'ESFA complaints team',
      referredAt: '2026-02-20T10:00:00Z',
      externalReference: 'ESFA-123',
    },
  };

  it('records the body, date and their reference, and moves to the external stage with no clock', () => {
    atStage3()
      .when(refer, '2026-02-21T10:00:00Z')
      .then([
        {
          type: 'ExternalReferralRecorded',
          occurredAt: '2026-02-20T10:00:00.000Z',
          data: {
            body: 'ESFA complaints team',
            externalReference: 'ESFA-123',
            stage: 4,
            stageName: 'External',
          },
        },
      ]);
    const state = atStage3().when(refer, '2026-02-21T10:00:00Z').thenState();
    expect(state).toMatchObject({ status: 'referred-externally', stage: 4, autoCloseAt: null });
  });

  it('then refuses internal steps, and may be closed as referred externally', () => {
    const { history } = dmm.after(
      [receive({ formality: 'formal' }), '2026-01-20T09:00:00Z'],
      [refer, '2026-02-21T10:00:00Z'],
    );
    dmm
      .given(...history)
      .when(respond(), '2026-02-22T10:00:00Z')
      .thenRefuses('case-referred-externally', 'conflict');
    dmm
      .given(...history)
      .when(close({ reason: 'referred-externally' }), '2026-02-22T10:00:00Z')
      .thenMatches([{ data: { reason: 'referred-externally' } }]);
  });
});

describe('notes, documents, categories, correspondence', () => {
  const received = () =>
    dmm.after([receive({ categories: ['mentoring'] }), '2026-11-23T09:00:00Z']);
  const document = {
    documentId: 'd1',
    filename: 'letter.pdf',
    mediaType: 'application/pdf',
    size: 1234,
    sha256: 'b'.repeat(64),
  };

  it('attaches a document once', () => {
    const attach = { type: 'AttachDocument' as const, actor: staff, data: document };
    received()
      .when(attach, '2026-11-23T10:00:00Z')
      .then([{ type: 'DocumentAttached', occurredAt: '2026-11-23T10:00:00.000Z', data: document }]);
    const { history } = dmm.after(
      [receive(), '2026-11-23T09:00:00Z'],
      [attach, '2026-11-23T10:00:00Z'],
    );
    dmm
      .given(...history)
      .when(attach, '2026-11-23T11:00:00Z')
      .thenNothing();
    expect(
      dmm
        .given(...history)
        .when({ type: 'AddNote', actor: staff, data: { text: 'x' } }, '2026-11-23T11:00:00Z')
        .thenState().documents,
    ).toEqual([
      {
        id: 'd1',
        filename: 'letter.pdf',
        mediaType: 'application/pdf',
        size: 1234,
        sha256: 'b'.repeat(64),
        attachedAt: '2026-11-23T10:00:00.000Z',
      },
    ]);
  });

  it('changes categories, keeping the previous ones; the same set changes nothing; more than 10 is refused', () => {
    const change = (categories: string[]) => ({
      type: 'ChangeCategories' as const,
      actor: operationsManager,
      data: { categories },
    });
    received()
      .when(change(['mentoring', 'timetabling']), '2026-11-23T10:00:00Z')
      .thenMatches([
        { data: { categories: ['mentoring', 'timetabling'], previous: ['mentoring'] } },
      ]);
    received()
      .when(change([' mentoring ']), '2026-11-23T10:00:00Z')
      .thenNothing();
    received()
      .when(change(Array.from({ length: 11 }, (_, i) => `c${i}`)), '2026-11-23T10:00:00Z')
      .thenRefuses('too-many-categories', 'invalid');
  });

  it('records correspondence at the time it arrived', () => {
    received()
      .when(
        {
          type: 'RecordCorrespondence',
          actor: staff,
          data: {
            channel: 'letter',
            summary: 'Further details',
            receivedAt: '2026-11-23T09:30:00Z',
          },
        },
        '2026-11-23T12:00:00Z',
      )
      .then([
        {
          type: 'CorrespondenceReceived',
          occurredAt: '2026-11-23T09:30:00.000Z',
          data: { channel: 'letter', summary: 'Further details' },
        },
      ]);
  });

  describe('a letter dated inside the month of silence but recorded after it ended', () => {
    // Stage 2 response on Monday 23 November: the case closes at the end of 23 December
    // unless the complainant writes. A letter of the 20th, typed in on 30 January.
    const responded = () =>
      dmm.after(
        [
          receive({ formality: 'formal', receivedAt: '2026-11-16T09:00:00Z' }),
          '2026-11-16T09:00:00Z',
        ],
        [respond({ at: '2026-11-23T12:00:00Z' }), '2026-11-23T12:00:00Z'],
      );
    const lateLetter = (actor = staff) =>
      correspondence({ receivedAt: '2026-12-20T10:00:00Z' }, actor);

    it('is refused from anyone who may not override the window (422), so the case still closes', () => {
      const refusal = responded()
        .when(lateLetter(operationsManager), '2027-01-30T10:00:00Z')
        .thenRefuses('silence-window-closed-when-recorded', 'rule');
      expect(refusal.message).toContain('senior manager');
    });

    it('counts from a senior manager, and the event says it was recorded late', () => {
      const state = responded().when(lateLetter(seniorManager), '2027-01-30T10:00:00Z').thenState();
      expect(state).toMatchObject({ status: 'responded', autoCloseAt: null });
      responded()
        .when(lateLetter(seniorManager), '2027-01-30T10:00:00Z')
        .thenMatches([
          {
            type: 'CorrespondenceReceived',
            occurredAt: '2026-12-20T10:00:00.000Z',
            data: { recordedAfterWindowClosed: true },
          },
        ]);
    });

    it('is taken from anyone while the window is still open', () => {
      const [letter] = responded()
        .when(lateLetter(operationsManager), '2026-12-21T10:00:00Z')
        .thenMatches([{ type: 'CorrespondenceReceived' }]);
      expect(letter.data).not.toHaveProperty('recordedAfterWindowClosed');
    });
  });
});
