import { asCaseEvent } from '#domain';
import type { RecordedEvent } from '#event-store';
import { instantInWords } from '../rendering/people-time';
import { eventInWords } from './event-sentences';

/** One event on the case's timeline: what happened, when, and when it was recorded if later. */
export interface TimelineEntry {
  revision: number;
  sentence: string;
  details: string[];
  occurredAt: string;
  /** Set only when the record was made at another time (to the minute) than the event. */
  recordedAt: string | null;
}

/**
 * The case's events in words, newest first; with `after`, only those recorded after that
 * revision (what changed since a page was shown).
 */
export function timelineOf(
  events: readonly RecordedEvent[],
  timeZone: string,
  after = -1,
): TimelineEntry[] {
  return events
    .filter((event) => event.revision > after)
    .map((event) => {
      const { sentence, details } = eventInWords(asCaseEvent(event), event.metadata.actor);
      const sameMinute =
        instantInWords(event.occurredAt, timeZone) === instantInWords(event.recordedAt, timeZone);
      return {
        revision: event.revision,
        sentence,
        details,
        occurredAt: event.occurredAt,
        recordedAt: sameMinute ? null : event.recordedAt,
      };
    })
    .reverse();
}
