import type { ReceiveCaseRequest } from '#api';
import {
  ADMISSIONS,
  CATEGORIES,
  complainant,
  COMPLIMENTS,
  MENTORS,
  OPERATIONS_MANAGER as OPS,
  QUALITY_OFFICER,
  SUGGESTIONS,
} from './demo-people';
import { act, meet, type Story, type StoryKit, type StoryType } from './story-kit';

/*
 * Compliments and suggestions: acknowledged, answered when the person asked for an
 * answer (within the policy's working days, now and then late), and closed.
 */

function feedbackRequest(
  kit: StoryKit,
  kind: 'compliment' | 'suggestion',
  responseRequested: boolean,
): ReceiveCaseRequest {
  const summary = kit.random.pick(kind === 'compliment' ? COMPLIMENTS : SUGGESTIONS);
  const channel = kit.random.pick(['email', 'web-form', 'in-person', 'phone'] as const);
  return {
    kind,
    channel,
    summary,
    complainant: complainant(kit.random),
    categories: [kind === 'compliment' ? 'teaching-and-mentoring' : kit.random.pick(CATEGORIES)],
    responseRequested,
    ...(kind === 'compliment' && kit.random.chance(0.4) ? { shareAsGoodPractice: true } : {}),
  };
}

function* feedback(
  kit: StoryKit,
  kind: 'compliment' | 'suggestion',
  responseRequested: boolean,
  lateShare: number,
): Story {
  const recorder = kit.random.chance(0.6) ? kit.random.pick(MENTORS) : ADMISSIONS;
  const request = feedbackRequest(kit, kind, responseRequested);
  let t = kit.time.receiptTime(kit.arrives, request.channel);
  yield act(t, recorder, { type: 'receive', body: request });
  t = kit.time.within(t, 1, 3);
  const acknowledged = yield act(t, recorder, { type: 'acknowledge', body: { method: 'email' } });
  if (responseRequested) {
    t = meet(kit, acknowledged, t, 'response', lateShare);
    yield act(t, recorder, {
      type: 'respond',
      body: {
        summary:
          kind === 'compliment'
            ? 'Thanked them and passed it on to the team.'
            : 'Explained what we will try next term.',
        outcome: kind === 'compliment' ? 'noted' : kit.random.pick(['noted', 'resolved'] as const),
      },
    });
  }
  if (kind === 'suggestion' && kit.random.chance(0.3)) {
    // Quality files the idea under a further theme too.
    t = kit.time.within(t, 1, 5);
    yield act(t, QUALITY_OFFICER, {
      type: 'categories',
      body: { categories: [...new Set([...(request.categories ?? []), 'learning-resources'])] },
    });
  }
  yield act(kit.time.within(t, 1, 8), OPS, { type: 'close', body: { reason: 'resolved' } });
}

export const FEEDBACK_STORIES: readonly StoryType[] = [
  {
    name: 'compliment-noted',
    kind: 'compliment',
    weight: 7,
    tell: (kit) => feedback(kit, 'compliment', false, 0),
  },
  {
    name: 'compliment-answered',
    kind: 'compliment',
    weight: 3,
    tell: (kit) => feedback(kit, 'compliment', true, 0.1),
  },
  {
    name: 'suggestion-noted',
    kind: 'suggestion',
    weight: 5,
    tell: (kit) => feedback(kit, 'suggestion', false, 0),
  },
  {
    name: 'suggestion-answered',
    kind: 'suggestion',
    weight: 5,
    tell: (kit) => feedback(kit, 'suggestion', true, 0.25),
  },
];
