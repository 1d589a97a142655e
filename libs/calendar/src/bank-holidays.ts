import Holidays from 'date-holidays';
import type { LocalDate } from './local-date';

export interface Holiday {
  date: LocalDate;
  name: string;
}

/** Where public holidays come from: a country and, optionally, a region of it. */
export interface HolidayRegion {
  country: string;
  region?: string;
}

export const ENGLAND_AND_WALES: HolidayRegion = { country: 'GB', region: 'ENG' };

/** Days off in law. `date-holidays` also lists observances (Mother's Day …), which are not. */
const DAYS_OFF = new Set(['public', 'bank']);

export class UnknownHolidayRegionError extends Error {
  constructor(readonly region: HolidayRegion) {
    super(`Unknown holiday region ${region.country}${region.region ? `-${region.region}` : ''}`);
  }
}

export function isKnownHolidayRegion({ country, region }: HolidayRegion): boolean {
  const catalogue = new Holidays();
  if (!catalogue.getCountries()[country]) return false;
  return region === undefined || Boolean(catalogue.getStates(country)?.[region]);
}

/** Bank and public holidays of one region, computed once per year and remembered. */
export class BankHolidays {
  private readonly source: Holidays;
  private readonly byYear = new Map<number, Map<LocalDate, string>>();

  constructor(readonly region: HolidayRegion = ENGLAND_AND_WALES) {
    if (!isKnownHolidayRegion(region)) throw new UnknownHolidayRegionError(region);
    this.source = region.region
      ? new Holidays(region.country, region.region)
      : new Holidays(region.country);
  }

  isHoliday(date: LocalDate): boolean {
    return this.yearOf(date).has(date);
  }

  nameOf(date: LocalDate): string | undefined {
    return this.yearOf(date).get(date);
  }

  holidaysIn(year: number): Holiday[] {
    return [...this.year(year)].map(([date, name]) => ({ date, name }));
  }

  private yearOf(date: LocalDate): Map<LocalDate, string> {
    return this.year(Number(date.slice(0, 4)));
  }

  private year(year: number): Map<LocalDate, string> {
    let days = this.byYear.get(year);
    if (!days) {
      days = new Map();
      for (const holiday of this.source.getHolidays(year)) {
        // `date` is the local start, "YYYY-MM-DD hh:mm:ss", in the region's own zone.
        if (DAYS_OFF.has(holiday.type)) days.set(holiday.date.slice(0, 10), holiday.name);
      }
      this.byYear.set(year, days);
    }
    return days;
  }
}
