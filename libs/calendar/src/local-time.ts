import { isLocalDate, type LocalDate } from './local-date';

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

const clockFormatters = new Map<string, Intl.DateTimeFormat>();

function clockFormatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = clockFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    clockFormatters.set(timeZone, formatter);
  }
  return formatter;
}

/** What a clock on the wall in the time zone read at the instant (to the minute). */
export function localTimeOf(instant: Date, timeZone: string): LocalTime {
  const parts = clockFormatterFor(timeZone).formatToParts(instant);
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
