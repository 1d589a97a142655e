import fc from 'fast-check';
import { addDays, fromDateParts } from './local-date';
import {
  endOfLocalDay,
  formattedLocalDateOf,
  isValidTimeZone,
  localDateOf,
  startOfLocalDay,
} from './time-zone';

const LONDON = 'Europe/London';
const at = (iso: string): Date => new Date(iso);

describe('local dates of instants in Europe/London', () => {
  it.each([
    // before BST starts (Sunday 29 March 2026, 01:00 UTC)
    ['2026-03-28T23:30:00Z', '2026-03-28'], // Saturday 23:30 GMT
    ['2026-03-29T00:30:00Z', '2026-03-29'], // Sunday 00:30 GMT
    // after it starts: 00:30 BST on Monday is still Sunday in UTC
    ['2026-03-29T22:30:00Z', '2026-03-29'], // Sunday 23:30 BST
    ['2026-03-29T23:30:00Z', '2026-03-30'], // Monday 00:30 BST
    // before BST ends (Sunday 25 October 2026, 01:00 UTC)
    ['2026-10-24T22:30:00Z', '2026-10-24'], // Saturday 23:30 BST
    ['2026-10-24T23:30:00Z', '2026-10-25'], // Sunday 00:30 BST
    // after it ends
    ['2026-10-25T23:30:00Z', '2026-10-25'], // Sunday 23:30 GMT
    ['2026-10-26T00:30:00Z', '2026-10-26'], // Monday 00:30 GMT
  ])('%s is %s', (instant, date) => {
    expect(localDateOf(at(instant), LONDON)).toBe(date);
  });
});

describe('the bounds of a local day', () => {
  it.each([
    ['2026-12-22', '2026-12-22T00:00:00.000Z', '2026-12-22T23:59:59.999Z'], // GMT
    ['2026-06-09', '2026-06-08T23:00:00.000Z', '2026-06-09T22:59:59.999Z'], // BST
    ['2026-03-29', '2026-03-29T00:00:00.000Z', '2026-03-29T22:59:59.999Z'], // 23-hour day
    ['2026-10-25', '2026-10-24T23:00:00.000Z', '2026-10-25T23:59:59.999Z'], // 25-hour day
  ])('%s in London runs from %s to %s', (date, start, end) => {
    expect(startOfLocalDay(date, LONDON).toISOString()).toBe(start);
    expect(endOfLocalDay(date, LONDON).toISOString()).toBe(end);
  });

  it('handles a zone whose clocks jump at midnight, so the day starts at 01:00', () => {
    // Chile moved its clocks from 00:00 to 01:00 on Sunday 11 September 2022.
    const start = startOfLocalDay('2022-09-11', 'America/Santiago');
    expect(localDateOf(start, 'America/Santiago')).toBe('2022-09-11');
    expect(localDateOf(new Date(start.getTime() - 1), 'America/Santiago')).toBe('2022-09-10');
    expect(start.toISOString()).toBe('2022-09-11T04:00:00.000Z');
  });

  it('holds for any date in several zones: the end is the last millisecond of that date', () => {
    const zones = [
      'Europe/London',
      'Europe/Dublin',
      'America/New_York',
      'Australia/Sydney',
      'Asia/Kolkata',
    ];
    fc.assert(
      fc.property(
        fc.integer({ min: 2000, max: 2040 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 28 }),
        fc.constantFrom(...zones),
        (year, month, day, zone) => {
          const date = fromDateParts({ year, month, day });
          const end = endOfLocalDay(date, zone);
          expect(localDateOf(end, zone)).toBe(date);
          expect(localDateOf(new Date(end.getTime() + 1), zone)).toBe(addDays(date, 1));
        },
      ),
    );
  });

  it('knows which zones exist', () => {
    expect(isValidTimeZone(LONDON)).toBe(true);
    expect(isValidTimeZone('Europe/Atlantis')).toBe(false);
  });
});

describe('localDateOf, read off the cached day starts', () => {
  const zones = [
    'Europe/London',
    'America/New_York',
    'Asia/Kolkata',
    'Pacific/Kiritimati',
    'Pacific/Pago_Pago',
    'Australia/Lord_Howe',
    'America/Santiago',
    'Asia/Kathmandu',
  ];
  it('agrees with formatting the instant in the zone, for any instant and zone', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('2000-01-01T00:00:00Z'),
          max: new Date('2100-12-31T23:59:59Z'),
          noInvalidDate: true,
        }),
        fc.constantFrom(...zones),
        (instant, zone) => localDateOf(instant, zone) === formattedLocalDateOf(instant, zone),
      ),
      { numRuns: 2000 },
    );
  });

  it('agrees at the BST changes and either side of London midnight', () => {
    for (const iso of [
      '2026-03-29T00:59:59.999Z',
      '2026-03-29T01:00:00.000Z',
      '2026-10-24T22:59:59.999Z',
      '2026-10-24T23:00:00.000Z',
      '2026-10-25T00:59:59.999Z',
      '2026-10-25T01:00:00.000Z',
      '2026-06-30T23:00:00.000Z',
    ])
      expect(localDateOf(new Date(iso), 'Europe/London')).toBe(
        formattedLocalDateOf(new Date(iso), 'Europe/London'),
      );
  });
});
