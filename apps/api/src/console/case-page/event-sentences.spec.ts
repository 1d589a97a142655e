import type { CaseEvent } from '#domain';
import { doerOf, eventInWords } from './event-sentences';

const ann = { id: 'u-ann', name: 'Ann Lee' };
const at = '2026-12-22T16:05:00.000Z';
const deadline = {
  kind: 'response' as const,
  stage: 1,
  dueDate: '2026-12-22',
  dueBy: '2026-12-22T23:59:59.999Z',
};

/** One event of every type, so a new type without words fails here. */
const EVERY_TYPE: CaseEvent[] = [
  {
    type: 'CaseReceived',
    occurredAt: at,
    data: {
      caseId: 'c',
      reference: 'DMM-2026-00001',
      kind: 'complaint',
      formality: 'informal',
      channel: 'email',
      inWriting: true,
      summary: 'Mentor missed two sessions',
      details: null,
      complainant: { name: 'Ada', role: 'learner' },
      representative: null,
      categories: [],
      assessmentRelated: false,
      responseRequested: false,
      shareAsGoodPractice: false,
      owner: null,
      recipient: ann,
      stage: 1,
      stageName: 'Local resolution',
      deadlines: [],
      policyId: 'dmm',
      policyVersion: '1',
    },
  },
  { type: 'CaseAcknowledged', occurredAt: at, data: { stage: 1, method: 'phone', note: null } },
  {
    type: 'OwnerAssigned',
    occurredAt: at,
    data: { owner: { id: 'b', name: 'Bo Owner' }, previousOwner: null },
  },
  {
    type: 'CaseEscalated',
    occurredAt: at,
    data: {
      fromStage: 1,
      toStage: 2,
      stageName: 'Formal investigation',
      reason: 'Not satisfied',
      inWriting: true,
      override: null,
      automatic: false,
      deadlines: [],
    },
  },
  {
    type: 'CaseResponded',
    occurredAt: at,
    data: {
      stage: 1,
      summary: 'Our findings',
      outcome: 'partially-upheld',
      addressedTo: 'complainant',
      escalationWindowEndsAt: null,
      autoCloseAt: null,
    },
  },
  {
    type: 'CorrespondenceReceived',
    occurredAt: at,
    data: { channel: 'letter', summary: 'A letter' },
  },
  { type: 'NoteAdded', occurredAt: at, data: { text: 'Called back' } },
  {
    type: 'DocumentAttached',
    occurredAt: at,
    data: {
      documentId: 'd',
      filename: 'email.eml',
      mediaType: 'message/rfc822',
      size: 1,
      sha256: 'x',
    },
  },
  { type: 'RepresentativeAuthorised', occurredAt: at, data: { documentId: null } },
  {
    type: 'GuardianNotified',
    occurredAt: at,
    data: { guardianName: 'Pat Parent', method: 'phone' },
  },
  { type: 'GuardianNotificationWaived', occurredAt: at, data: { reason: 'Estranged' } },
  {
    type: 'ConfidentialityNoticeGiven',
    occurredAt: at,
    data: { explanation: 'Safeguarding', toldTo: 'complainant' },
  },
  {
    type: 'CategoriesChanged',
    occurredAt: at,
    data: { categories: ['teaching', 'mentoring'], previous: ['teaching'] },
  },
  {
    type: 'ExternalReferralRecorded',
    occurredAt: at,
    data: { body: 'ESFA', externalReference: 'E-1', stage: 4, stageName: 'ESFA' },
  },
  { type: 'DeadlineMissed', occurredAt: at, data: deadline },
  {
    type: 'CaseClosed',
    occurredAt: at,
    data: { reason: 'withdrawn', note: 'By phone', appealsBody: null },
  },
  { type: 'CaseReopened', occurredAt: at, data: { reason: 'New evidence', deadlines: [] } },
];

describe('events in plain words', () => {
  it.each(EVERY_TYPE.map((event) => [event.type, event] as const))(
    'gives %s a sentence naming who did it',
    (_, event) => {
      const { sentence } = eventInWords(event, ann);
      expect(sentence).toMatch(/^Ann Lee [a-z].*\.$/);
    },
  );

  it('says who acknowledged, how and at which stage', () => {
    expect(eventInWords(EVERY_TYPE[1], ann)).toEqual({
      sentence: 'Ann Lee acknowledged the case by phone at stage 1.',
      details: [],
    });
  });

  it('names the stage an escalation reached, with the reason and any override', () => {
    const escalated: CaseEvent = {
      type: 'CaseEscalated',
      occurredAt: at,
      data: {
        fromStage: 2,
        toStage: 3,
        stageName: 'Appeal',
        reason: 'Late request',
        inWriting: true,
        override: { reason: 'Was in hospital', by: { id: 's', name: 'Sue Senior' } },
        automatic: false,
        deadlines: [],
      },
    };
    expect(eventInWords(escalated, ann)).toEqual({
      sentence: 'Ann Lee escalated the complaint to stage 3 (Appeal).',
      details: ['Reason: Late request', 'Window overridden by Sue Senior: Was in hospital'],
    });
  });

  it('gives the response’s outcome and addressee, and its summary as written', () => {
    expect(eventInWords(EVERY_TYPE[4], ann)).toEqual({
      sentence: 'Ann Lee recorded the response at stage 1, partly upheld, sent to the complainant.',
      details: ['Our findings'],
    });
  });

  it('credits the system with a scheduled job’s work, with the deadline’s date in words', () => {
    expect(eventInWords(EVERY_TYPE[14], { id: 'system:sla-sweep' })).toEqual({
      sentence:
        'The system recorded that the response deadline at stage 1 (due Tue 22 Dec 2026) was missed.',
      details: [],
    });
  });

  it('keeps what people typed as it was, for the page to show as text', () => {
    const note: CaseEvent = {
      type: 'NoteAdded',
      occurredAt: at,
      data: { text: '<script>alert(1)</script>' },
    };
    expect(eventInWords(note, ann).details).toEqual(['<script>alert(1)</script>']);
  });

  it('says what the categories were before, and when all were removed', () => {
    expect(eventInWords(EVERY_TYPE[12], ann)).toEqual({
      sentence: 'Ann Lee changed the categories to teaching, mentoring.',
      details: ['Before: teaching'],
    });
    const removed: CaseEvent = {
      type: 'CategoriesChanged',
      occurredAt: at,
      data: { categories: [], previous: [] },
    };
    expect(eventInWords(removed, ann)).toEqual({
      sentence: 'Ann Lee removed every category.',
      details: [],
    });
  });

  it('falls back to the id of a person recorded without a name', () => {
    expect(doerOf({ id: 'u-7' })).toBe('u-7');
  });
});
