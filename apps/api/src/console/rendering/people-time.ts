import { localTimeOf, type LocalDate } from '#calendar';

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A calendar date as people write it: "Tue 22 Dec 2026". */
export function dateInWords(date: LocalDate): string {
  const [year, month, day] = date.split('-').map(Number);
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return `${WEEKDAYS[weekday]} ${day} ${MONTHS[month - 1]} ${year}`;
}

/** A month as people write it: "Dec 2026" for 2026-12. */
export function monthInWords(month: string): string {
  const [year, number] = month.split('-').map(Number);
  return `${MONTHS[number - 1]} ${year}`;
}

/** A clock time as people say it: "4:05pm", "12:00pm" (noon), "12:30am". */
export function clockInWords(time: string): string {
  const [hour, minute] = time.split(':').map(Number);
  const suffix = hour < 12 ? 'am' : 'pm';
  return `${hour % 12 === 0 ? 12 : hour % 12}:${String(minute).padStart(2, '0')}${suffix}`;
}

/** An instant as the wall clock in the zone showed it: "Tue 22 Dec 2026, 4:05pm". */
export function instantInWords(instant: Date | string, timeZone: string): string {
  const { date, time } = localTimeOf(new Date(instant), timeZone);
  return `${dateInWords(date)}, ${clockInWords(time)}`;
}
