import type { RecordedEvent } from '#event-store';
import { timelineOf } from './timeline';

const recorded = (
  revision: number,
  occurredAt: string,
  recordedAt: string,
  text: string,
): RecordedEvent =>
  ({
    id: `e${revision}`,
    stream: 'clfcase-x',
    revision,
    type: 'NoteAdded',
    data: { text },
    occurredAt,
    recordedAt,
    metadata: { actor: { id: 'u-ann', name: 'Ann Lee' } },
  }) as unknown as RecordedEvent;

const events = [
  recorded(0, '2026-12-21T09:00:00.000Z', '2026-12-21T09:00:00.400Z', 'first'),
  recorded(1, '2026-12-21T16:05:00.000Z', '2026-12-22T09:30:00.000Z', 'typed in next day'),
  recorded(2, '2026-12-22T10:00:00.000Z', '2026-12-22T10:00:00.000Z', 'third'),
];

describe('the timeline', () => {
  it('lists the newest first, with when it was recorded only when that differs', () => {
    const entries = timelineOf(events, 'Europe/London');
    expect(entries.map((e) => e.details[0])).toEqual(['third', 'typed in next day', 'first']);
    expect(entries[0]).toMatchObject({ sentence: 'Ann Lee added a note.', recordedAt: null });
    expect(entries[1].recordedAt).toBe('2026-12-22T09:30:00.000Z');
    expect(entries[2].recordedAt).toBeNull();
  });

  it('gives only what was recorded after a revision', () => {
    expect(timelineOf(events, 'Europe/London', 0).map((e) => e.revision)).toEqual([2, 1]);
  });
});
