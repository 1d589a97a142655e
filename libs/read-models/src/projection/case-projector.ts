import { asCaseEvent, caseIdOf, evolve, scheduledWork, type PolicyRules } from '#domain';
import type { RecordedEvent } from '#event-store';
import { eventFacts, stateFacts } from '../case-facts';
import type { CaseRecord, StoredCase } from '../case-record';
import { summarise } from '../case-summary';

/** An event arrived out of order for its case: the read model cannot be trusted to go on. */
export class ProjectionGapError extends Error {
  constructor(caseId: string, expected: number, got: number) {
    super(`Case ${caseId}: expected revision ${expected} next, got ${got}`);
    this.name = 'ProjectionGapError';
  }
}

/**
 * Turns a batch of case events into the records to store, given those stored already.
 * Idempotent: an event at or below a case's stored revision is skipped, so a batch
 * replayed after a crash yields the same records.
 */
export class CaseProjector {
  private readonly calendar: PolicyRules['calendar'];

  constructor(private readonly rules: PolicyRules) {
    this.calendar = rules.calendar;
  }

  project(batch: readonly RecordedEvent[], stored: ReadonlyMap<string, StoredCase>): CaseRecord[] {
    return this.advance(batch, stored).map((next) => this.complete(next));
  }

  /**
   * Applies a batch to the cases it touches: where each case has got to, without the
   * queue row, facts and schedule a record derives from that (see `complete`).
   */
  advance(batch: readonly RecordedEvent[], stored: ReadonlyMap<string, StoredCase>): StoredCase[] {
    const working = new Map<string, StoredCase>();
    for (const recorded of batch) {
      const caseId = caseIdOf(recorded.stream);
      const current = working.get(caseId) ?? stored.get(caseId) ?? null;
      const appliedUpTo = current?.revision ?? -1;
      if (recorded.revision <= appliedUpTo) continue;
      if (recorded.revision !== appliedUpTo + 1)
        throw new ProjectionGapError(caseId, appliedUpTo + 1, recorded.revision);
      const event = asCaseEvent(recorded);
      const before = current?.state ?? null;
      const after = evolve(before, event);
      if (after === null) continue; // not a case (an event before CaseReceived): nothing to show
      const added = eventFacts(this.calendar, event, before, after);
      const earlier = current?.eventFacts ?? [];
      working.set(caseId, {
        caseId,
        revision: recorded.revision,
        state: after,
        eventFacts: added.length === 0 ? earlier : [...earlier, ...added],
      });
    }
    return [...working.values()];
  }

  /**
   * The record to store for a case: its queue row, facts and schedule follow from its
   * state. A rebuild keeps cases in memory as `advance` leaves them and completes only
   * those it writes.
   */
  complete(next: StoredCase): CaseRecord {
    return {
      ...next,
      summary: summarise(next.state, next.revision),
      facts: [...next.eventFacts, ...stateFacts(this.calendar, next.state, next.eventFacts)],
      schedule: scheduledWork(next.state, this.rules),
    };
  }

  /** The case ids a batch touches, to load their stored records in one go. */
  static caseIds(batch: readonly RecordedEvent[]): string[] {
    return [...new Set(batch.map((e) => caseIdOf(e.stream)))];
  }
}
