import { bundledPolicy } from '../../policy/bundled-policies';
import { caseFlags } from '../case.flags';
import { CASE_ID, receive, staff } from '../../testing/case-fixtures';
import { caseSpecification } from '../../testing/case-specification';

const dmm = caseSpecification(bundledPolicy('dmm'));
const mactri = caseSpecification(bundledPolicy('mactri'));

describe('receiving feedback', () => {
  describe('DMM: complaints', () => {
    it('starts an informal complaint at stage 1 with a 2-working-day acknowledgement clock (Wed 23 Dec 2026 → Tue 29th)', () => {
      dmm
        .given()
        .when(
          receive({
            receivedAt: '2026-12-23T10:00:00.000Z',
            categories: [' mentoring ', 'mentoring', ''],
          }),
          '2026-12-23T11:00:00Z',
        )
        .then([
          {
            type: 'CaseReceived',
            occurredAt: '2026-12-23T10:00:00.000Z',
            data: {
              caseId: CASE_ID,
              reference: 'DMM-2026-00042',
              kind: 'complaint',
              formality: 'informal',
              channel: 'phone',
              inWriting: false,
              summary: 'Mentor missed two sessions',
              details: null,
              complainant: { name: 'Ada Learner', role: 'learner', under18: false },
              representative: null,
              categories: ['mentoring'],
              assessmentRelated: false,
              responseRequested: false,
              shareAsGoodPractice: false,
              owner: null,
              recipient: { id: staff.id, name: staff.name as string },
              stage: 1,
              stageName: 'Local resolution',
              deadlines: [
                {
                  kind: 'acknowledgement',
                  stage: 1,
                  dueDate: '2026-12-29',
                  dueBy: '2026-12-29T23:59:59.999Z',
                },
              ],
              policyId: 'dmm',
              policyVersion: '2022-02',
            },
          },
        ]);
    });

    it('starts a formal complaint, even a verbal one, at stage 2 with a 10-working-day response clock', () => {
      dmm
        .given()
        .when(
          receive({ formality: 'formal', receivedAt: '2026-11-23T09:00:00Z' }),
          '2026-11-23T09:05:00Z',
        )
        .thenMatches([
          {
            data: {
              formality: 'formal',
              stage: 2,
              stageName: 'Formal written complaint',
              deadlines: [
                {
                  kind: 'response',
                  stage: 2,
                  dueDate: '2026-12-07',
                  dueBy: '2026-12-07T23:59:59.999Z',
                },
              ],
            },
          },
        ]);
    });

    it('treats a written complaint as informal unless the complainant says formal (DMM has no written-is-formal rule)', () => {
      dmm
        .given()
        .when(receive({ channel: 'letter' }), '2026-11-23T09:00:00Z')
        .thenMatches([{ data: { formality: 'informal', inWriting: true, stage: 1 } }]);
    });

    it('counts from the local date: received 00:30 BST on Monday 30 March 2026 is due Wednesday 1 April', () => {
      dmm
        .given()
        .when(receive({ receivedAt: '2026-03-29T23:30:00Z' }), '2026-03-30T08:00:00Z')
        .thenMatches([
          { data: { deadlines: [{ dueDate: '2026-04-01', dueBy: '2026-04-01T22:59:59.999Z' }] } },
        ]);
    });

    it('defaults receipt to now', () => {
      dmm
        .given()
        .when(receive(), '2026-11-23T09:00:00.000Z')
        .thenMatches([{ occurredAt: '2026-11-23T09:00:00.000Z' }]);
    });

    it('refuses a receipt time in the future', () => {
      dmm
        .given()
        .when(receive({ receivedAt: '2026-11-24T09:00:00Z' }), '2026-11-23T09:00:00Z')
        .thenRefuses('time-in-future', 'invalid');
    });

    it('refuses to receive the same case twice', () => {
      const { history } = dmm.after([receive(), '2026-11-23T09:00:00Z']);
      dmm
        .given(...history)
        .when(receive(), '2026-11-23T09:01:00Z')
        .thenRefuses('case-exists', 'conflict');
    });

    it('flags a representative until the complainant’s written authorisation is recorded', () => {
      const state = dmm
        .given()
        .when(
          receive({ representative: { name: 'Pat Parent', relationship: 'parent' } }),
          '2026-11-23T09:00:00Z',
        )
        .thenState();
      expect(caseFlags(state)).toContain('representative-unauthorised');
    });

    it('flags a learner under 18 until the guardian decision is recorded', () => {
      const state = dmm
        .given()
        .when(
          receive({ complainant: { name: 'Young Learner', role: 'learner', under18: true } }),
          '2026-11-23T09:00:00Z',
        )
        .thenState();
      expect(caseFlags(state)).toEqual(['guardian-decision-pending']);
    });

    it('flags a complaint about assessment for the appeals procedure', () => {
      const state = dmm
        .given()
        .when(receive({ assessmentRelated: true }), '2026-11-23T09:00:00Z')
        .thenState();
      expect(caseFlags(state)).toContain('assessment-related');
    });

    it('records a complaint resolved at first contact, and closes it at once so it still counts in the trends', () => {
      dmm
        .given()
        .when(
          receive({ resolvedAtFirstContact: { resolution: 'Rebooked the session' } }),
          '2026-11-23T09:00:00Z',
        )
        .thenMatches([
          { type: 'CaseReceived', data: { deadlines: [] } },
          {
            type: 'CaseClosed',
            occurredAt: '2026-11-23T09:00:00.000Z',
            data: { reason: 'resolved-at-first-contact', note: 'Rebooked the session' },
          },
        ]);
    });

    it('refuses to resolve a formal complaint at first contact', () => {
      dmm
        .given()
        .when(
          receive({ formality: 'formal', resolvedAtFirstContact: { resolution: 'x' } }),
          '2026-11-23T09:00:00Z',
        )
        .thenRefuses('formal-complaint-needs-investigation', 'rule');
    });
  });

  describe('DMM: compliments and suggestions', () => {
    it('records a compliment with no clock when no response was asked for', () => {
      dmm
        .given()
        .when(receive({ kind: 'compliment', shareAsGoodPractice: true }), '2026-11-23T09:00:00Z')
        .thenMatches([
          {
            data: {
              kind: 'compliment',
              formality: null,
              stage: null,
              stageName: null,
              deadlines: [],
              shareAsGoodPractice: true,
            },
          },
        ]);
    });

    it('gives a suggestion a 10-working-day response clock when a response was asked for', () => {
      dmm
        .given()
        .when(
          receive({
            kind: 'suggestion',
            responseRequested: true,
            receivedAt: '2026-12-21T10:00:00Z',
          }),
          '2026-12-21T10:00:00Z',
        )
        .thenMatches([
          { data: { deadlines: [{ kind: 'response', stage: null, dueDate: '2027-01-07' }] } },
        ]);
    });

    it.each([
      [
        'formality',
        { kind: 'compliment' as const, formality: 'formal' as const },
        'formality-for-complaints',
      ],
      [
        'assessmentRelated',
        { kind: 'suggestion' as const, assessmentRelated: true },
        'assessment-for-complaints',
      ],
      [
        'shareAsGoodPractice',
        { kind: 'complaint' as const, shareAsGoodPractice: true },
        'good-practice-for-compliments',
      ],
    ])('refuses %s where it does not apply', (field, data, code) => {
      const refusal = dmm
        .given()
        .when(receive(data), '2026-11-23T09:00:00Z')
        .thenRefuses(code, 'invalid');
      expect(refusal.field).toBe(field);
    });
  });

  describe('MaCTRI', () => {
    it('treats a complaint received in writing as formal: straight to stage 2, Investigation', () => {
      mactri
        .given()
        .when(receive({ channel: 'email', reference: 'MAC-2026-00001' }), '2026-11-23T09:00:00Z')
        .thenMatches([
          {
            data: {
              formality: 'formal',
              stage: 2,
              stageName: 'Investigation',
              deadlines: [{ kind: 'response', stage: 2, dueDate: '2026-12-07' }],
              policyId: 'mactri',
            },
          },
        ]);
    });

    it('refuses to call a written complaint informal', () => {
      mactri
        .given()
        .when(receive({ channel: 'web-form', formality: 'informal' }), '2026-11-23T09:00:00Z')
        .thenRefuses('written-complaints-are-formal', 'rule');
    });

    it('starts a complaint made in person at stage 1', () => {
      mactri
        .given()
        .when(receive({ channel: 'in-person' }), '2026-11-23T09:00:00Z')
        .thenMatches([{ data: { formality: 'informal', stage: 1 } }]);
    });

    it('records the Recipient’s same-day resolution and closes the case', () => {
      mactri
        .given()
        .when(
          receive({
            channel: 'in-person',
            resolvedAtFirstContact: { resolution: 'Explained the timetable' },
          }),
          '2026-11-23T09:00:00Z',
        )
        .thenMatches([
          { type: 'CaseReceived', data: { recipient: { id: staff.id } } },
          { type: 'CaseClosed', data: { reason: 'resolved-at-first-contact' } },
        ]);
    });
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
