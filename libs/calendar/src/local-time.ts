import { isLocalDate, type LocalDate } from './local-date';
import { formatterFor } from './time-zone';

/** A wall-clock reading in some time zone: the date and the minutes since its midnight. */
export interface LocalTime {
  date: LocalDate;
  /** `HH:MM`, 24-hour. */
  time: string;
}

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function isTimeOfDay(value: unknown): value is string {
  return typeof value === 'string' && TIME.test(value);
}

/** What a clock on the wall in the time zone read at the instant (to the minute). */
export function localTimeOf(instant: Date, timeZone: string): LocalTime {
  const parts = formatterFor(timeZone, 'clock').formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((p) => p.type === type)?.value ?? '';
  return {
    date: `${part('year')}-${part('month')}-${part('day')}` as LocalDate,
    time: `${part('hour')}:${part('minute')}`,
  };
}

/** Minutes the zone's clocks are ahead of UTC at the instant. */
function offsetMinutes(instant: number, timeZone: string): number {
  const { date, time } = localTimeOf(new Date(instant), timeZone);
  const wall = Date.parse(`${date}T${time}:00.000Z`);
  return Math.round((wall - Math.floor(instant / 60_000) * 60_000) / 60_000);
}

/**
 * The instant a wall clock in the time zone showed `time` on `date`. When the clocks went
 * back that night and the time came twice, the first; when they went forward past it, the
 * time never came and the answer is null (a person must be asked, not guessed for).
 */
export function instantAtLocalTime(date: LocalDate, time: string, timeZone: string): Date | null {
  if (!isLocalDate(date) || !isTimeOfDay(time)) return null;
  const asIfUtc = Date.parse(`${date}T${time}:00.000Z`);
  // Every zone changes its offset at most once in a day either side of the reading.
  const offsets = new Set([
    offsetMinutes(asIfUtc - 86_400_000, timeZone),
    offsetMinutes(asIfUtc, timeZone),
    offsetMinutes(asIfUtc + 86_400_000, timeZone),
  ]);
  const matching = [...offsets]
    .map((offset) => asIfUtc - offset * 60_000)
    .filter((candidate) => {
      const shown = localTimeOf(new Date(candidate), timeZone);
      return shown.date === date && shown.time === time;
    })
    .sort((a, b) => a - b);
  return matching.length > 0 ? new Date(matching[0]) : null;
}
