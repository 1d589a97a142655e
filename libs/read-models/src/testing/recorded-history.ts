import {
  calendarFor,
  bundledPolicy,
  createCaseDecider,
  foldCase,
  type CaseCommand,
  type CaseEvent,
  type PolicyRules,
} from '#domain';
import { positionAt, type RecordedEvent } from '#event-store';

export const dmm = bundledPolicy('dmm');
export const dmmCalendar = calendarFor(dmm);
export const dmmRules: PolicyRules = { policy: dmm, calendar: dmmCalendar };

/**
 * Case histories as the store would hand them to the projection: each command decided
 * at its time, each event given its stream, revision and a global position in order.
 */
export class RecordedHistory {
  private readonly decider = createCaseDecider(dmm);
  private position = 0;
  private readonly streams = new Map<string, CaseEvent[]>();
  readonly events: RecordedEvent[] = [];

  /** A complaint received by email from a learner, about fees, as staff record it. */
  receive(caseId: string, reference: string, summary: string, at: string): RecordedEvent[] {
    return this.run(
      caseId,
      {
        type: 'ReceiveCase',
        actor: { id: 'u-ann', name: 'Ann', roles: ['staff'] },
        data: {
          caseId,
          reference,
          kind: 'complaint',
          channel: 'email',
          summary,
          complainant: { name: 'Ada', role: 'learner' },
          categories: ['fees'],
        },
      },
      at,
    );
  }

  run(caseId: string, command: CaseCommand, at: string): RecordedEvent[] {
    const history = this.streams.get(caseId) ?? [];
    const decided = this.decider.decide(command, foldCase(history), new Date(at));
    const recorded = decided.map((event, i) => {
      this.position += 1;
      return {
        ...event,
        id: `${caseId}-${history.length + i}`,
        stream: `clfcase-${caseId}`,
        revision: history.length + i,
        position: positionAt(this.position),
        recordedAt: at,
        metadata: {
          correlationId: 'c',
          causationId: 'c',
          actor: command.actor,
          policyId: 'dmm',
          policyVersion: dmm.version,
          schemaVersion: 1,
        },
        prevHash: null,
        hash: 'h',
      } as RecordedEvent;
    });
    this.streams.set(caseId, [...history, ...decided]);
    this.events.push(...recorded);
    return recorded;
  }
}
