import { WorkingDayCalendar, ENGLAND_AND_WALES } from '#calendar';
import { deadlinePhrase } from './deadline-phrase';

const calendar = new WorkingDayCalendar({
  timeZone: 'Europe/London',
  holidayRegion: ENGLAND_AND_WALES,
});
const dueEndOf = (date: string) => calendar.endOfDay(date);
const phrase = (due: string, now: string) => deadlinePhrase(dueEndOf(due), new Date(now), calendar);

describe('how far a deadline is, in working days', () => {
  it('counts working days to go, skipping the weekend', () => {
    expect(phrase('2026-12-09', '2026-12-07T09:00:00Z')).toBe('due in 2 working days');
    expect(phrase('2026-12-14', '2026-12-11T16:00:00Z')).toBe('due in 1 working day');
  });

  it('says "due today" all through the due day, late at night in summer time too', () => {
    expect(phrase('2026-12-07', '2026-12-07T08:00:00Z')).toBe('due today');
    expect(phrase('2026-07-01', '2026-07-01T22:30:00Z')).toBe('due today');
  });

  it('counts working days late from the morning after, skipping bank holidays', () => {
    expect(phrase('2026-12-07', '2026-12-08T00:00:00Z')).toBe('1 working day late');
    // Christmas Day and Boxing Day (substitute Monday 28th) are not working days.
    expect(phrase('2026-12-24', '2026-12-29T10:00:00Z')).toBe('1 working day late');
    expect(phrase('2026-12-11', '2026-12-13T10:00:00Z')).toBe('late');
  });
});
