import { fromDateParts, instantAtLocalTime, isLocalDate } from '#calendar';

/** A date and time as a person types them: day, month and year boxes, and a time. */
export interface TypedTime {
  day?: string;
  month?: string;
  year?: string;
  time?: string;
}

export type TypedTimeReading =
  /** Nothing typed: the command's time defaults to now. */
  { blank: true } | { instant: string } | { error: string };

/** "16:05", "4:05pm", "4pm", "16.05", "9" (o'clock): as `HH:MM`, or null. */
export function readClockTime(typed: string): string | null {
  const match = /^(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?$/i.exec(typed.trim());
  if (!match) return null;
  let hour = Number(match[1]);
  const minute = Number(match[2] ?? '0');
  const half = match[3]?.toLowerCase();
  if (half) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (half === 'pm' ? 12 : 0);
  }
  if (hour > 23 || minute > 59) return null;
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

/**
 * What a person typed for a date and time, read as the wall clock in the policy's zone:
 * an instant, nothing (leave it to now), or what is wrong with it in words.
 */
export function readTypedTime(typed: unknown, timeZone: string): TypedTimeReading {
  const parts = (typed ?? {}) as TypedTime;
  const [day, month, year, time] = [parts.day, parts.month, parts.year, parts.time].map(text);
  if (!day && !month && !year && !time) return { blank: true };
  const date = fromDateParts({ year: Number(year), month: Number(month), day: Number(day) });
  if (
    !/^\d{1,2}$/.test(day) ||
    !/^\d{1,2}$/.test(month) ||
    !/^\d{4}$/.test(year) ||
    !isLocalDate(date)
  )
    return { error: 'Enter a real date, for example 22 12 2026' };
  const clock = readClockTime(time);
  if (clock === null) return { error: 'Enter a time, for example 4:05pm or 16:05' };
  const instant = instantAtLocalTime(date, clock, timeZone);
  if (instant === null)
    return {
      error: `${time} did not happen on that day: the clocks went forward. Enter the time as the clocks showed it`,
    };
  return { instant: instant.toISOString() };
}
