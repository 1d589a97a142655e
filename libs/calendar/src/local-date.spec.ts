import { addCalendarMonths, addDays, dayOfWeek, isLocalDate, monthOf } from './local-date';

describe('local dates', () => {
  it('accepts only real dates', () => {
    expect(isLocalDate('2024-02-29')).toBe(true);
    expect(isLocalDate('2026-02-29')).toBe(false);
    expect(isLocalDate('2026-04-31')).toBe(false);
    expect(isLocalDate('2026-13-01')).toBe(false);
    expect(isLocalDate('2026-1-01')).toBe(false);
    expect(isLocalDate(20260101)).toBe(false);
  });

  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('knows the day of the week', () => {
    expect(dayOfWeek('2026-12-20')).toBe(0); // Sunday
    expect(dayOfWeek('2026-12-23')).toBe(3); // Wednesday
  });

  it.each([
    ['2026-01-31', '2026-02-28'], // 31st into a 28-day February
    ['2024-01-31', '2024-02-29'], // leap year
    ['2024-01-29', '2024-02-29'],
    ['2024-02-29', '2024-03-29'], // from the leap day
    ['2026-03-31', '2026-04-30'], // 31st into a 30-day month
    ['2026-08-31', '2026-09-30'],
    ['2026-12-31', '2027-01-31'], // across the year end
    ['2026-12-15', '2027-01-15'],
    ['2026-06-30', '2026-07-30'], // not pushed to the 31st
  ])('one calendar month after %s is %s', (from, expected) => {
    expect(addCalendarMonths(from, 1)).toBe(expected);
  });

  it('gives the month of a date for monthly figures', () => {
    expect(monthOf('2026-11-23')).toBe('2026-11');
  });
});
