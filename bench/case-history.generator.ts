import { randomUUID } from 'node:crypto';
import {
  bundledPolicy,
  createCaseDecider,
  evolve,
  type Actor,
  type CaseCommand,
  type CaseEvent,
  type CaseState,
} from '#domain';
import type { EventStore, NewEvent } from '#event-store';

const policy = bundledPolicy('dmm');
const decider = createCaseDecider(policy);
const staff = Array.from({ length: 40 }, (_, i): Actor => ({
  id: `u-staff-${i}`,
  name: `Staff ${i}`,
  roles: ['staff'],
}));
const manager: Actor = { id: 'u-ops', name: 'Olu Ops', roles: ['operations-manager'] };
const CATEGORIES = [
  'mentoring',
  'fees',
  'timetabling',
  'assessment',
  'communication',
  'facilities',
  'safeguarding',
];
const HOUR = 3_600_000;

/** A small deterministic random source, so every bench run sees the same year. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

interface Timed {
  stream: string;
  at: number;
  event: CaseEvent;
  actor: Actor;
}

/**
 * A year of cases decided by the real decider — complaints at stages 1–3, compliments
 * and suggestions; acknowledged, answered, escalated, closed, some left open — and
 * returned as events in time order across all cases, as they would have been stored.
 */
export function generateYear(cases: number, start = Date.parse('2025-12-01T09:00:00Z')): Timed[] {
  const next = random(42);
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)];
  const timed: Timed[] = [];
  const span = 360 * 24 * HOUR;
  for (let n = 0; n < cases; n += 1) {
    const caseId = randomUUID();
    const stream = `clfcase-${caseId}`;
    const recipient = pick(staff);
    let state: CaseState = null;
    let at = start + Math.floor(next() * span);
    const act = (command: CaseCommand, delayHours: number) => {
      at += Math.floor(delayHours * HOUR);
      const now = new Date(at);
      let events: CaseEvent[];
      try {
        events = decider.decide(command, state, now);
      } catch {
        return false; // the policy refused this step for this case: leave it there
      }
      for (const event of events) {
        state = evolve(state, event);
        timed.push({ stream, at, event, actor: command.actor });
      }
      return true;
    };
    const kind = next() < 0.7 ? 'complaint' : next() < 0.6 ? 'compliment' : 'suggestion';
    const formal = kind === 'complaint' && next() < 0.3;
    act(
      {
        type: 'ReceiveCase',
        actor: recipient,
        data: {
          caseId,
          reference: `DMM-2026-${String(n + 1).padStart(6, '0')}`,
          kind,
          formality: kind === 'complaint' ? (formal ? 'formal' : 'informal') : undefined,
          channel: pick(['in-person', 'phone', 'email', 'letter', 'web-form'] as const),
          summary: `${kind} about ${pick(CATEGORIES)} number ${n}`,
          complainant: { name: `Learner ${n}`, role: 'learner' },
          categories: [pick(CATEGORIES)],
          responseRequested: kind !== 'complaint' && next() < 0.5,
          owner: next() < 0.6 ? { id: pick(staff).id, name: 'Owner' } : undefined,
        },
      },
      0,
    );
    if (next() < 0.15) continue; // still waiting for anyone to act
    act({ type: 'AcknowledgeCase', actor: recipient, data: {} }, 4 + next() * 60);
    if (kind !== 'complaint') {
      if (next() < 0.8)
        act({ type: 'CloseCase', actor: manager, data: { reason: 'resolved' } }, 24 + next() * 200);
      continue;
    }
    if (!formal && next() < 0.5) {
      act(
        { type: 'AddNote', actor: recipient, data: { text: 'Called the learner back' } },
        2 + next() * 24,
      );
      if (next() < 0.7)
        act(
          { type: 'CloseCase', actor: recipient, data: { reason: 'resolved' } },
          24 + next() * 100,
        );
      continue;
    }
    if (!formal)
      act(
        {
          type: 'EscalateCase',
          actor: manager,
          data: { reason: 'Put in writing', inWriting: true },
        },
        24 + next() * 100,
      );
    if (next() < 0.2) continue; // formal, still being investigated
    act(
      {
        type: 'RespondToCase',
        actor: manager,
        data: {
          summary: 'Investigated',
          outcome: pick(['upheld', 'partially-upheld', 'not-upheld'] as const),
        },
      },
      48 + next() * 300,
    );
    if (next() < 0.15) {
      const senior: Actor = { id: 'u-senior', name: 'Sue Senior', roles: ['senior-manager'] };
      act(
        { type: 'EscalateCase', actor: manager, data: { reason: 'Asked for a review' } },
        24 + next() * 200,
      );
      act(
        {
          type: 'RespondToCase',
          actor: senior,
          data: { summary: 'Reviewed', outcome: 'not-upheld' },
        },
        48 + next() * 200,
      );
    }
    if (next() < 0.6)
      act({ type: 'CloseCase', actor: manager, data: { reason: 'resolved' } }, 24 + next() * 200);
  }
  return timed.sort((a, b) => a.at - b.at);
}

/**
 * Appends the year one event per append, as commands would have, with the real envelope.
 * Appends are issued 1,000 at a time without waiting for each, so they share the store's
 * group commits, as concurrent commands do.
 */
export async function appendYear(
  store: EventStore,
  events: readonly Timed[],
  onProgress?: (done: number) => void,
): Promise<void> {
  const revisions = new Map<string, number>();
  let pending: Promise<unknown>[] = [];
  for (const [i, { stream, event, actor }] of events.entries()) {
    const revision = revisions.get(stream) ?? -1;
    const envelope: NewEvent = {
      id: randomUUID(),
      type: event.type,
      data: event.data,
      occurredAt: event.occurredAt,
      metadata: {
        correlationId: randomUUID(),
        causationId: randomUUID(),
        actor: { id: actor.id, name: actor.name, roles: actor.roles },
        policyId: policy.id,
        policyVersion: policy.version,
        schemaVersion: 1,
      },
    };
    pending.push(store.append(stream, [envelope], revision === -1 ? 'no-stream' : revision));
    revisions.set(stream, revision + 1);
    if (pending.length >= 1_000) {
      await Promise.all(pending);
      pending = [];
    }
    if (onProgress && i % 10_000 === 0) onProgress(i);
  }
  await Promise.all(pending);
}
