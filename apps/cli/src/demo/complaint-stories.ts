import type { Actor } from '#domain';
import type { CommandResultResponse } from '#api';
import {
  ADMISSIONS,
  asPerson,
  AWARDING_BODIES,
  CATEGORIES,
  complainant,
  MENTORS,
  OPERATIONS_MANAGER as OPS,
  personName,
  QUALITY_OFFICER,
  SENIOR_MANAGERS,
} from './demo-people';
import {
  act,
  complaintRequest,
  dueBy,
  email,
  letterTo,
  meet,
  outcome,
  pdf,
  spokenOrWritten,
  writtenChannel,
  type Act,
  type ComplaintFields,
  type Story,
  type StoryKit,
  type StoryType,
} from './story-kit';

/*
 * Complaints, as they go under the policy: resolved on the spot or locally, taken to the
 * formal stage, reviewed by senior management, referred to the funding body, redirected
 * to an awarding body's appeals, withdrawn, closed by the scheduler when the silence after
 * the response lasts until the case's `autoCloseAt` — and a few that slipped, whose deadlines the sla-sweep records as missed.
 * Each story keeps `t`, the time of its last act, and plans the next from it.
 */

/** What the programme team changed after a formal complaint, as the responses record it. */
const LEARNING = [
  'Mentors now confirm every session by text the day before.',
  'Assessment feedback is now returned within ten working days, tracked on the team board.',
  'New starters get a named contact in their first week.',
  'Timetable changes are now e-mailed to learners and employers together.',
  'Portfolio deadlines are agreed with the employer at the review meeting.',
];

/** Where a story stands: the case as its last act left it, and when that was. */
interface Point {
  result: CommandResultResponse;
  t: Date;
}

/** Quality files a closed case under a further theme, as its monthly review finds one. */
function* review(kit: StoryKit, { result, t }: Point): Story {
  if (!kit.random.chance(0.3)) return;
  const extra = kit.random.pick(CATEGORIES);
  yield act(kit.time.within(t, 1, 10), QUALITY_OFFICER, {
    type: 'categories',
    body: { categories: [...new Set([...result.case.categories, extra])] },
  });
}

/** Stage 1, informal, recorded by a mentor, who may own it from the start. */
function* receiveInformally(
  kit: StoryKit,
  mentor: Actor,
  fields: ComplaintFields = { channel: spokenOrWritten(kit) },
): Generator<Act, Point, CommandResultResponse> {
  const t = kit.time.receiptTime(kit.arrives, fields.channel);
  const owned = kit.random.chance(0.5);
  const result = yield act(t, mentor, {
    type: 'receive',
    body: complaintRequest(kit, {
      formality: 'informal',
      ...(owned ? { owner: asPerson(mentor) } : {}),
      ...fields,
    }),
  });
  return { result, t };
}

/** Formal, in writing, recorded by admissions (the letter or e-mail attached); the operations manager takes it on. */
function* receiveFormally(
  kit: StoryKit,
  fields: Partial<ComplaintFields> = {},
): Generator<Act, Point, CommandResultResponse> {
  const channel = fields.channel ?? writtenChannel(kit);
  let t = kit.time.receiptTime(kit.arrives, channel);
  const received = yield act(t, ADMISSIONS, {
    type: 'receive',
    body: complaintRequest(kit, { formality: 'formal', ...fields, channel }),
  });
  if (channel === 'letter' || (channel === 'email' && kit.random.chance(0.5))) {
    const { reference, case: found } = received;
    const file =
      channel === 'letter'
        ? { originalname: `letter-${reference}.pdf`, content: pdf(kit, 'Scanned complaint letter') }
        : {
            originalname: `complaint-${reference}.eml`,
            content: email(kit, found.complainant.email ?? 'learner@example.org', found.summary, t),
          };
    t = kit.time.hoursAfter(t, 0.2, 1);
    yield act(t, ADMISSIONS, { type: 'attach', file });
  }
  t = kit.time.hoursAfter(t, 1, 5);
  const result = yield act(t, OPS, { type: 'assign', body: { owner: asPerson(OPS) } });
  return { result, t };
}

function* resolvedAtFirstContact(kit: StoryKit): Story {
  const mentor = kit.random.pick(MENTORS);
  const channel = kit.random.pick(['in-person', 'phone'] as const);
  yield act(kit.time.receiptTime(kit.arrives, channel), mentor, {
    type: 'receive',
    body: complaintRequest(kit, {
      channel,
      formality: 'informal',
      resolvedAtFirstContact: {
        resolution: kit.random.pick([
          'Rebooked the missed session there and then',
          'Explained the timetable change and sent the new dates',
          'Reset the e-portfolio password with the learner',
        ]),
      },
    }),
  });
}

function* resolvedLocally(kit: StoryKit): Story {
  const mentor = kit.random.pick(MENTORS);
  let { result, t } = yield* receiveInformally(kit, mentor);
  if (!result.case.owner) {
    t = kit.time.hoursAfter(t, 1, 4);
    result = yield act(t, OPS, {
      type: 'assign',
      body: { owner: asPerson(kit.random.pick(MENTORS)) },
    });
  }
  t = meet(kit, result, t, 'acknowledgement', 0.15);
  yield act(t, mentor, { type: 'acknowledge', body: { method: 'phone' } });
  if (kit.random.chance(0.4)) {
    t = kit.time.within(t, 1, 2);
    yield act(t, mentor, {
      type: 'note',
      body: { text: 'Called the learner back and agreed a catch-up plan.' },
    });
  }
  t = kit.time.within(t, 1, 6);
  yield act(t, mentor, {
    type: 'respond',
    body: {
      summary: 'Agreed the steps we will take and confirmed them by e-mail.',
      outcome: outcome(kit),
    },
  });
  t = kit.time.within(t, 1, 5);
  result = yield act(t, OPS, { type: 'close', body: { reason: 'resolved' } });
  yield* review(kit, { result, t });
}

function* withdrawn(kit: StoryKit): Story {
  const mentor = kit.random.pick(MENTORS);
  const received = yield* receiveInformally(kit, mentor);
  let t = meet(kit, received.result, received.t, 'acknowledgement', 0.1);
  yield act(t, mentor, { type: 'acknowledge', body: {} });
  t = kit.time.within(t, 2, 8);
  yield act(t, mentor, {
    type: 'correspondence',
    body: {
      channel: 'phone',
      summary: 'Sorted out with the tutor; the learner does not want to take it further.',
    },
  });
  yield act(kit.time.hoursAfter(t, 1, 4), OPS, {
    type: 'close',
    body: { reason: 'withdrawn', note: 'Withdrawn by the complainant by phone.' },
  });
}

/** Stage 1, then the complainant writes in, still unhappy: the formal stage, a response, then silence. */
function* escalatedToFormal(kit: StoryKit): Story {
  const mentor = kit.random.pick(MENTORS);
  const received = yield* receiveInformally(kit, mentor);
  let t = meet(kit, received.result, received.t, 'acknowledgement', 0.1);
  yield act(t, mentor, { type: 'acknowledge', body: {} });
  t = kit.time.within(t, 2, 10);
  // Where the policy moves unresolved complaints on by itself (MaCTRI), the scheduler has.
  if (!kit.policy.rules.unresolvedSameDayEscalates)
    yield act(t, OPS, {
      type: 'escalate',
      body: {
        reason: 'The learner wrote in, unhappy with the local resolution',
        inWriting: true,
        requestReceivedAt: t.toISOString(),
      },
    });
  t = kit.time.hoursAfter(t, 1, 3);
  const assigned = yield act(t, OPS, { type: 'assign', body: { owner: asPerson(OPS) } });
  yield act(meet(kit, assigned, t, 'response', 0.2), OPS, {
    type: 'respond',
    body: {
      summary: 'Investigated with the programme team; written response sent.',
      outcome: outcome(kit),
    },
  });
  // Then nothing more: the auto-close job closes it at its `autoCloseAt`.
}

/** A letter from the template a few minutes after `t`, on the cases `letterTo` picks. */
function* writeTo(
  kit: StoryKit,
  { result, t }: Point,
  actor: Actor,
  template: 'acknowledgement' | 'response',
): Generator<Act, void, CommandResultResponse> {
  const letter = letterTo(kit, result, template, 2);
  if (letter) yield act(kit.time.hoursAfter(t, 0.1, 0.5), actor, letter);
}

/**
 * On every fifth case: the response deadline extended within the policy's allowance, the
 * complainant told the same day (chosen by the case's number, not drawn).
 */
function* extendResponse(
  kit: StoryKit,
  { result, t }: Point,
): Generator<Act, Point, CommandResultResponse> {
  const { stage } = result.case;
  if (kit.n % 5 !== 0 || stage === null || dueBy(result, 'response') === null) return { result, t };
  const at = kit.time.hoursAfter(t, 2, 6);
  const extended = yield act(at, OPS, {
    type: 'extend',
    body: {
      deadline: 'response',
      stage,
      addWorkingDays: 5,
      reason: 'Waiting for the placement employer’s account of the sessions',
      complainantInformedAt: at.toISOString(),
    },
  });
  return { result: extended, t: at };
}

/** Formal from the start; a written response; then silence until its `autoCloseAt` closes it. */
function* formalAutoClosed(kit: StoryKit): Story {
  let { result, t } = yield* receiveFormally(kit);
  if (kit.random.chance(0.6)) {
    t = kit.time.within(t, 1, 2);
    result = yield act(t, OPS, { type: 'acknowledge', body: { method: 'letter' } });
    yield* writeTo(kit, { result, t }, OPS, 'acknowledgement');
  }
  ({ result, t } = yield* extendResponse(kit, { result, t }));
  t = meet(kit, result, t, 'response', 0.2);
  result = yield act(t, OPS, {
    type: 'respond',
    body: {
      summary: 'Investigated; findings and actions set out in our letter.',
      outcome: outcome(kit),
      // A third of them change something, and say what (no draw: the demo's year stays as it was).
      ...(kit.n % 3 === 0 && { learning: LEARNING[kit.n % LEARNING.length] }),
    },
  });
  yield* writeTo(kit, { result, t }, OPS, 'response');
}

/** Formal; after the response the complainant writes back, and the case is closed as resolved. */
function* formalResolvedAfterReply(kit: StoryKit): Story {
  const received = yield* receiveFormally(kit);
  let t = meet(kit, received.result, received.t, 'response', 0.15);
  yield act(t, OPS, {
    type: 'respond',
    body: {
      summary: 'Refund arranged and the invoice reissued to the employer.',
      outcome: 'upheld',
      learning:
        'Invoices to employers are now checked against the funding agreement before they go out.',
    },
  });
  t = kit.time.within(t, 2, 10);
  yield act(t, OPS, {
    type: 'correspondence',
    body: { channel: 'email', summary: 'Thanked us; happy with the outcome.' },
  });
  t = kit.time.within(t, 1, 3);
  const result = yield act(t, OPS, { type: 'close', body: { reason: 'resolved' } });
  yield* review(kit, { result, t });
}

/** Formal, responded, then a senior management review asked for within the case's window. */
function* toSeniorReview(
  kit: StoryKit,
  senior: Actor,
): Generator<Act, Point, CommandResultResponse> {
  const received = yield* receiveFormally(kit);
  let t = meet(kit, received.result, received.t, 'response', 0.1);
  const responded = yield act(t, OPS, {
    type: 'respond',
    body: {
      summary: 'Investigated; not upheld, for the reasons in our letter.',
      outcome: kit.random.pick(['not-upheld', 'partially-upheld'] as const),
    },
  });
  // Asked before the window the response opened ends, however long the policy makes it.
  const windowEnds = responded.case.escalationWindowEndsAt;
  t =
    windowEnds === null
      ? kit.time.daysAfter(t, kit.random.between(4, 18))
      : kit.time.inTime(t, new Date(windowEnds));
  const escalated = yield act(t, OPS, {
    type: 'escalate',
    body: {
      reason: 'Asked in writing for a senior management review',
      inWriting: true,
      requestReceivedAt: t.toISOString(),
    },
  });
  t = meet(kit, escalated, t, 'response', 0.15);
  const result = yield act(t, senior, {
    type: 'respond',
    body: {
      summary:
        'Reviewed the file and met the complainant; the findings stand, with one further action.',
      outcome: outcome(kit),
    },
  });
  yield* writeTo(kit, { result, t }, senior, 'response');
  return { result, t };
}

function* seniorReview(kit: StoryKit): Story {
  yield* toSeniorReview(kit, kit.random.pick(SENIOR_MANAGERS));
  // Silence after the review closes it at its `autoCloseAt`.
}

/** The review did not satisfy: the complainant takes it to the funding body. */
function* externalReferral(kit: StoryKit): Story {
  const senior = kit.random.pick(SENIOR_MANAGERS);
  const reviewed = yield* toSeniorReview(kit, senior);
  const external = kit.policy.complaints.stages.find((stage) => stage.external);
  const t = kit.time.daysAfter(reviewed.t, kit.random.between(5, 20));
  yield act(t, senior, {
    type: 'external-referral',
    body: {
      body: external?.externalBody?.name ?? 'The funding body',
      externalReference: `EXT-${t.getUTCFullYear()}-${String(kit.n).padStart(4, '0')}`,
    },
  });
  yield act(kit.time.daysAfter(t, kit.random.between(30, 70)), OPS, {
    type: 'close',
    body: {
      reason: 'referred-externally',
      note: 'The funding body closed its review with no further action for us.',
    },
  });
}

/** Closed after silence (at its `autoCloseAt`); then a late request for review, accepted by a senior manager. */
function* lateReviewRequest(kit: StoryKit): Story {
  const received = yield* receiveFormally(kit);
  let t = meet(kit, received.result, received.t, 'response', 0.1);
  const responded = yield act(t, OPS, {
    type: 'respond',
    body: { summary: 'Investigated; not upheld.', outcome: 'not-upheld' },
  });
  if (responded.case.autoCloseAt === null) return;
  // By now the auto-close job has closed it.
  t = kit.time.daysAfter(new Date(responded.case.autoCloseAt), kit.random.between(4, 12));
  yield act(t, OPS, {
    type: 'reopen',
    body: {
      reason:
        'The learner wrote asking for a senior review after the window had closed: they were in hospital.',
    },
  });
  const senior = kit.random.pick(SENIOR_MANAGERS);
  t = kit.time.within(t, 1, 2);
  const escalated = yield act(t, senior, {
    type: 'escalate',
    body: {
      reason: 'Review requested after the window had closed',
      inWriting: true,
      override: {
        reason:
          'The learner was in hospital for the whole window; accepted by the Managing Director.',
      },
    },
  });
  yield act(meet(kit, escalated, t, 'response', 0.1), senior, {
    type: 'respond',
    body: {
      summary: 'Reviewed; partially upheld, with an apology for the delays.',
      outcome: 'partially-upheld',
    },
  });
}

/** About a grade: the awarding body's appeals procedure applies, not this one. */
function* redirectedToAppeals(kit: StoryKit): Story {
  const mentor = kit.random.pick(MENTORS);
  const received = yield* receiveInformally(kit, mentor, {
    channel: spokenOrWritten(kit),
    category: 'assessment',
    assessmentRelated: true,
  });
  const t = meet(kit, received.result, received.t, 'acknowledgement', 0.1);
  yield act(t, mentor, { type: 'acknowledge', body: {} });
  yield act(kit.time.within(t, 1, 3), OPS, {
    type: 'close',
    body: {
      reason: 'redirected-to-appeals',
      appealsBody: kit.random.pick(AWARDING_BODIES),
      note: "Explained the awarding body's appeals procedure and sent the form.",
    },
  });
}

/** Raised by a parent or friend for a learner: their written authorisation comes in as a document. */
function* raisedByRepresentative(kit: StoryKit): Story {
  const relationship = kit.random.pick(['parent', 'guardian', 'friend'] as const);
  const received = yield* receiveFormally(kit, {
    channel: 'email',
    complainant: complainant(kit.random, 'learner'),
    representative: {
      name: personName(kit.random),
      relationship,
      email: 'representative@example.org',
    },
  });
  let t = kit.time.within(received.t, 1, 4);
  const attached = yield act(t, ADMISSIONS, {
    type: 'attach',
    file: {
      originalname: `authorisation-${received.result.reference}.pdf`,
      content: pdf(kit, 'Signed authorisation for a representative'),
    },
  });
  const documentId = attached.case.documents[attached.case.documents.length - 1].id;
  t = kit.time.hoursAfter(t, 1, 3);
  const authorised = yield act(t, OPS, { type: 'authorise-representative', body: { documentId } });
  yield act(meet(kit, authorised, t, 'response', 0.1), OPS, {
    type: 'respond',
    body: {
      summary: 'Written response sent to the representative, as authorised.',
      outcome: outcome(kit),
      addressedTo: 'representative',
    },
  });
}

/** A learner under 18: a guardian is told, or telling them is waived for a reason. */
function* underEighteen(kit: StoryKit): Story {
  const mentor = kit.random.pick(MENTORS);
  const received = yield* receiveInformally(kit, mentor, {
    channel: kit.random.pick(['in-person', 'phone'] as const),
    complainant: { ...complainant(kit.random, 'learner'), under18: true },
  });
  let t = kit.time.hoursAfter(received.t, 1, 3);
  const decided = yield act(t, mentor, {
    type: 'guardian',
    body: kit.random.chance(0.7)
      ? { guardianName: personName(kit.random), method: 'phone' }
      : {
          waived: true,
          reason:
            'The learner is 17, lives independently and asked that their parents are not contacted.',
        },
  });
  t = meet(kit, decided, t, 'acknowledgement', 0.1);
  yield act(t, mentor, { type: 'acknowledge', body: {} });
  t = kit.time.within(t, 1, 5);
  yield act(t, mentor, {
    type: 'respond',
    body: { summary: 'Talked it through with the learner and their tutor.', outcome: 'resolved' },
  });
  yield act(kit.time.within(t, 1, 3), OPS, { type: 'close', body: { reason: 'resolved' } });
}

/** Closed as resolved, then the problem came back: reopened by the manager and answered again. */
function* reopened(kit: StoryKit): Story {
  const mentor = kit.random.pick(MENTORS);
  const received = yield* receiveInformally(kit, mentor);
  let t = meet(kit, received.result, received.t, 'acknowledgement', 0.1);
  yield act(t, mentor, { type: 'acknowledge', body: {} });
  t = kit.time.within(t, 1, 4);
  yield act(t, mentor, {
    type: 'respond',
    body: { summary: 'New mentor sessions booked.', outcome: 'upheld' },
  });
  t = kit.time.within(t, 1, 3);
  yield act(t, OPS, { type: 'close', body: { reason: 'resolved' } });
  t = kit.time.daysAfter(t, kit.random.between(10, 25));
  const again = yield act(t, OPS, {
    type: 'reopen',
    body: { reason: 'The learner says the sessions stopped again.' },
  });
  t = meet(kit, again, t, 'response', 0.1);
  yield act(t, mentor, {
    type: 'respond',
    body: { summary: 'Sessions moved to a fixed weekly slot.', outcome: 'upheld' },
  });
  yield act(kit.time.within(t, 1, 3), OPS, { type: 'close', body: { reason: 'resolved' } });
}

/** A safeguarding concern: the complainant is told it has to be shared. */
function* safeguardingConcern(kit: StoryKit): Story {
  const mentor = kit.random.pick(MENTORS);
  const received = yield* receiveInformally(kit, mentor, {
    channel: 'in-person',
    category: 'safeguarding',
  });
  let t = kit.time.hoursAfter(received.t, 1, 3);
  const told = yield act(t, mentor, {
    type: 'confidentiality',
    body: {
      explanation: 'The concern has to be shared with the Designated Safeguarding Lead.',
      toldTo: 'complainant',
    },
  });
  t = meet(kit, told, t, 'acknowledgement', 0);
  yield act(t, mentor, { type: 'acknowledge', body: {} });
  t = kit.time.within(t, 2, 6);
  yield act(t, OPS, {
    type: 'respond',
    body: { summary: 'Actions agreed with the Designated Safeguarding Lead.', outcome: 'upheld' },
  });
  yield act(kit.time.within(t, 1, 3), OPS, { type: 'close', body: { reason: 'resolved' } });
}

/** One that slipped: recorded, never answered; the sla-sweep records each deadline missed. */
function* slipped(kit: StoryKit): Story {
  if (kit.random.chance(0.5)) {
    yield* receiveInformally(kit, kit.random.pick(MENTORS), {
      channel: kit.random.pick(['in-person', 'phone'] as const),
    });
    return;
  }
  const { result, t } = yield* receiveFormally(kit);
  if (dueBy(result, 'response') !== null)
    yield act(kit.time.within(t, 1, 2), OPS, {
      type: 'note',
      body: { text: 'Waiting for the programme leader to reply.' },
    });
}

export const COMPLAINT_STORIES: readonly StoryType[] = [
  { name: 'resolved-at-first-contact', weight: 12, tell: resolvedAtFirstContact },
  { name: 'resolved-locally', weight: 20, tell: resolvedLocally },
  { name: 'withdrawn', weight: 5, tell: withdrawn },
  { name: 'escalated-to-formal', weight: 10, tell: escalatedToFormal },
  { name: 'formal-auto-closed', weight: 12, tell: formalAutoClosed },
  { name: 'formal-resolved-after-reply', weight: 6, tell: formalResolvedAfterReply },
  { name: 'senior-review', weight: 6, tell: seniorReview },
  { name: 'late-review-request', weight: 2, tell: lateReviewRequest },
  { name: 'external-referral', weight: 3, tell: externalReferral },
  { name: 'redirected-to-appeals', weight: 5, tell: redirectedToAppeals },
  { name: 'raised-by-representative', weight: 4, tell: raisedByRepresentative },
  { name: 'under-18', weight: 4, tell: underEighteen },
  { name: 'reopened', weight: 3, tell: reopened },
  { name: 'safeguarding-concern', weight: 2, tell: safeguardingConcern },
  { name: 'slipped', weight: 2, tell: slipped },
].map((story) => ({ ...story, kind: 'complaint' as const }));
