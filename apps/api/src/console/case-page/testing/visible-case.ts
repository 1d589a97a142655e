import {
  bundledPolicy,
  createCaseDecider,
  foldCase,
  type Actor,
  type CaseCommand,
  type CaseEvent,
} from '#domain';
import type { RecordedEvent } from '#event-store';
import type { VisibleCase } from '../../../cases/case-stream';

/** For the case page's specs: the DMM policy, and a case made by deciding its commands. */
export const policy = bundledPolicy('dmm');
const decider = createCaseDecider(policy);

export const ann: Actor = { id: 'ann', name: 'Ann Lee', roles: ['staff'] };

/** A case as the reader loads it, from commands decided in turn at the times given. */
export function caseAfter(...steps: Array<[CaseCommand, string]>): VisibleCase {
  const events: RecordedEvent[] = [];
  for (const [command, at] of steps) {
    const state = foldCase(events as unknown as CaseEvent[]);
    for (const event of decider.decide(command, state, new Date(at)))
      events.push({
        ...event,
        id: `e${events.length}`,
        stream: 'clfcase-x',
        revision: events.length,
        recordedAt: at,
        metadata: { actor: command.actor },
      } as unknown as RecordedEvent);
  }
  return {
    state: foldCase(events as unknown as CaseEvent[])!,
    revision: events.length - 1,
    events,
    integrity: { valid: true, brokenAtRevision: null },
  };
}

/** A complaint by phone from a learner under 18, with a representative, received by Ann. */
export const received = (at = '2026-12-07T09:00:00.000Z'): [CaseCommand, string] => [
  {
    type: 'ReceiveCase',
    actor: ann,
    data: {
      caseId: '0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d',
      reference: 'DMM-2026-00001',
      kind: 'complaint',
      channel: 'phone',
      summary: 'Mentor missed two sessions',
      complainant: { name: 'Kit Young', role: 'learner', under18: true, email: 'kit@example.com' },
      representative: { name: 'Pat Parent', relationship: 'parent' },
    },
  },
  at,
];
