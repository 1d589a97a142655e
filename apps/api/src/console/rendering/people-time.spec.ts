import { clockInWords, dateInWords, instantInWords, monthInWords } from './people-time';

describe('times in the words people use', () => {
  it('shows an instant as London clocks showed it, in winter and in summer', () => {
    expect(instantInWords('2026-12-22T16:05:00Z', 'Europe/London')).toBe('Tue 22 Dec 2026, 4:05pm');
    expect(instantInWords('2026-06-30T23:30:00Z', 'Europe/London')).toBe('Wed 1 Jul 2026, 12:30am');
  });

  it('says noon and midnight the way a clock does', () => {
    expect(clockInWords('12:00')).toBe('12:00pm');
    expect(clockInWords('00:07')).toBe('12:07am');
    expect(clockInWords('09:30')).toBe('9:30am');
  });

  it('names the weekday of a leap day', () => {
    expect(dateInWords('2028-02-29')).toBe('Tue 29 Feb 2028');
  });

  it('writes a month as its short name and year', () => {
    expect(monthInWords('2026-01')).toBe('Jan 2026');
    expect(monthInWords('2026-12')).toBe('Dec 2026');
  });
});
