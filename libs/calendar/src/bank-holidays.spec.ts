import { BankHolidays, UnknownHolidayRegionError, isKnownHolidayRegion } from './bank-holidays';
import { isWeekend } from './local-date';
import { WorkingDayCalendar } from './working-day-calendar';

/**
 * England and Wales bank holidays as published by GOV.UK, weekdays only (when a holiday
 * falls at a weekend the substitute day is the one listed).
 */
const ENGLAND_AND_WALES_2020_2027: Record<number, string[]> = {
  2020: [
    '2020-01-01',
    '2020-04-10',
    '2020-04-13',
    '2020-05-08' /* VE Day, moved early May */,
    '2020-05-25',
    '2020-08-31',
    '2020-12-25',
    '2020-12-28' /* Boxing Day substitute */,
  ],
  2021: [
    '2021-01-01',
    '2021-04-02',
    '2021-04-05',
    '2021-05-03',
    '2021-05-31',
    '2021-08-30',
    '2021-12-27' /* Christmas substitute */,
    '2021-12-28' /* Boxing Day substitute */,
  ],
  2022: [
    '2022-01-03' /* New Year substitute */,
    '2022-04-15',
    '2022-04-18',
    '2022-05-02',
    '2022-06-02' /* spring, moved */,
    '2022-06-03' /* Platinum Jubilee */,
    '2022-08-29',
    '2022-09-19' /* state funeral */,
    '2022-12-26',
    '2022-12-27' /* Christmas substitute */,
  ],
  2023: [
    '2023-01-02' /* New Year substitute */,
    '2023-04-07',
    '2023-04-10',
    '2023-05-01',
    '2023-05-08' /* coronation */,
    '2023-05-29',
    '2023-08-28',
    '2023-12-25',
    '2023-12-26',
  ],
  2024: [
    '2024-01-01',
    '2024-03-29',
    '2024-04-01',
    '2024-05-06',
    '2024-05-27',
    '2024-08-26',
    '2024-12-25',
    '2024-12-26',
  ],
  2025: [
    '2025-01-01',
    '2025-04-18',
    '2025-04-21',
    '2025-05-05',
    '2025-05-26',
    '2025-08-25',
    '2025-12-25',
    '2025-12-26',
  ],
  2026: [
    '2026-01-01',
    '2026-04-03',
    '2026-04-06',
    '2026-05-04',
    '2026-05-25',
    '2026-08-31',
    '2026-12-25',
    '2026-12-28' /* Boxing Day substitute */,
  ],
  2027: [
    '2027-01-01',
    '2027-03-26',
    '2027-03-29',
    '2027-05-03',
    '2027-05-31',
    '2027-08-30',
    '2027-12-27' /* Christmas substitute */,
    '2027-12-28' /* Boxing Day substitute */,
  ],
};

describe('England and Wales bank holidays', () => {
  const holidays = new BankHolidays();
  const calendar = new WorkingDayCalendar();

  it.each(Object.entries(ENGLAND_AND_WALES_2020_2027))(
    'in %s are exactly the published weekday holidays',
    (year, expected) => {
      const weekdayHolidays = holidays
        .holidaysIn(Number(year))
        .map((h) => h.date)
        .filter((date) => !isWeekend(date))
        .sort();
      expect(weekdayHolidays).toEqual(expected);
      for (const date of expected) {
        expect(calendar.nonWorkingReason(date)).toBe('bank-holiday');
      }
    },
  );

  it('names the one-off days', () => {
    expect(holidays.nameOf('2022-09-19')).toMatch(/Funeral/);
    expect(holidays.nameOf('2023-05-08')).toMatch(/Coronation/);
    expect(holidays.nameOf('2022-06-03')).toMatch(/Jubilee/);
    expect(holidays.nameOf('2020-05-08')).toMatch(/VE/);
  });

  it('does not count observances such as Mothering Sunday or Easter Sunday as holidays', () => {
    expect(holidays.isHoliday('2026-03-15')).toBe(false);
    expect(holidays.isHoliday('2026-04-05')).toBe(false);
  });

  it('is region-specific: St Andrew’s Day is a holiday in Scotland, not in England', () => {
    expect(new BankHolidays({ country: 'GB', region: 'SCT' }).isHoliday('2026-11-30')).toBe(true);
    expect(holidays.isHoliday('2026-11-30')).toBe(false);
  });

  it('refuses an unknown region by name', () => {
    expect(isKnownHolidayRegion({ country: 'GB', region: 'XXX' })).toBe(false);
    expect(isKnownHolidayRegion({ country: 'ZZ' })).toBe(false);
    expect(() => new BankHolidays({ country: 'GB', region: 'XXX' })).toThrow(
      UnknownHolidayRegionError,
    );
  });
});
