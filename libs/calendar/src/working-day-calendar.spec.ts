import fc from 'fast-check';
import { addDays, daysInMonth, toDateParts, type LocalDate } from './local-date';
import { WorkingDayCalendar } from './working-day-calendar';

const calendar = new WorkingDayCalendar();
const due = (receivedAt: string, workingDays: number) => {
  const { dueDate, dueBy } = calendar.workingDaysAfter(new Date(receivedAt), workingDays);
  return { dueDate, dueBy: dueBy.toISOString() };
};

describe('within N working days of receipt', () => {
  it('counts the receipt date as day 0: Sunday 20 December 2026, N=2 → Tuesday 22nd', () => {
    expect(due('2026-12-20T10:00:00Z', 2)).toEqual({
      dueDate: '2026-12-22',
      dueBy: '2026-12-22T23:59:59.999Z',
    });
  });

  it('skips Christmas, the weekend and the Boxing Day substitute: Wednesday 23 December 2026, N=2 → Tuesday 29th', () => {
    expect(due('2026-12-23T09:00:00Z', 2).dueDate).toBe('2026-12-29');
  });

  it('gives a BST deadline as 22:59:59.999 UTC', () => {
    expect(due('2026-06-01T09:00:00Z', 2)).toEqual({
      dueDate: '2026-06-03',
      dueBy: '2026-06-03T22:59:59.999Z',
    });
  });

  describe('receipt late at night and just after midnight', () => {
    it.each([
      // Thursday 23:30 BST: day 0 is Thursday → Friday, Monday
      ['2026-06-04T22:30:00Z', '2026-06-08'],
      // Friday 00:30 BST (still Thursday in UTC): day 0 is Friday → Monday, Tuesday
      ['2026-06-04T23:30:00Z', '2026-06-09'],
      // GMT side of the spring change: Saturday 23:30 and Sunday 00:30 both → Tuesday 31 March
      ['2026-03-28T23:30:00Z', '2026-03-31'],
      ['2026-03-29T00:30:00Z', '2026-03-31'],
      // BST side: Sunday 23:30 → Tuesday; Monday 00:30 BST (Sunday 23:30 UTC) → Wednesday
      ['2026-03-29T22:30:00Z', '2026-03-31'],
      ['2026-03-29T23:30:00Z', '2026-04-01'],
      // Autumn change: Friday 23:30 BST → Tuesday; Saturday 00:30 BST (Friday UTC) → Tuesday
      ['2026-10-23T22:30:00Z', '2026-10-27'],
      ['2026-10-23T23:30:00Z', '2026-10-27'],
      // Sunday 23:30 GMT → Tuesday; Monday 00:30 GMT → Wednesday
      ['2026-10-25T23:30:00Z', '2026-10-27'],
      ['2026-10-26T00:30:00Z', '2026-10-28'],
    ])('received %s → due %s (N=2)', (receivedAt, dueDate) => {
      expect(due(receivedAt, 2).dueDate).toBe(dueDate);
    });

    it('ends a deadline falling on the day BST ends at 23:59:59.999 GMT, and one on the Friday before in BST', () => {
      expect(due('2026-10-22T12:00:00Z', 2).dueBy).toBe('2026-10-26T23:59:59.999Z');
      expect(due('2026-10-21T12:00:00Z', 2).dueBy).toBe('2026-10-23T22:59:59.999Z');
    });
  });

  describe('receipt on a non-working day counts from that day', () => {
    it.each([
      ['Saturday', '2026-11-21T12:00:00Z', 1, '2026-11-23'],
      ['Good Friday', '2026-04-03T12:00:00Z', 1, '2026-04-07'], // Easter Monday skipped
      ['Christmas Day', '2026-12-25T12:00:00Z', 1, '2026-12-29'],
      ['the state funeral', '2022-09-19T12:00:00Z', 1, '2022-09-20'],
      ['New Year substitute day', '2022-01-03T08:00:00Z', 2, '2022-01-05'],
    ])('%s', (_, receivedAt, n, dueDate) => {
      expect(due(receivedAt, n as number).dueDate).toBe(dueDate);
    });
  });

  it.each([
    ['the Platinum Jubilee pair', '2022-06-01T12:00:00Z', 1, '2022-06-06'],
    ['the coronation', '2023-05-05T12:00:00Z', 1, '2023-05-09'],
    ['VE Day 2020', '2020-05-07T12:00:00Z', 1, '2020-05-11'],
    ['two substitute days in 2027', '2027-12-24T12:00:00Z', 1, '2027-12-29'],
    ['two substitute days in 2021', '2021-12-24T12:00:00Z', 2, '2021-12-30'],
    ['a 10-day response across Easter 2026', '2026-03-30T12:00:00Z', 10, '2026-04-15'],
    ['a 10-day response across the year end', '2026-12-21T12:00:00Z', 10, '2027-01-07'],
    ['a month end into a leap February', '2024-02-27T12:00:00Z', 2, '2024-02-29'],
  ])('skips %s', (_, receivedAt, n, dueDate) => {
    expect(due(receivedAt, n as number).dueDate).toBe(dueDate);
  });

  it('skips the organisation’s closure days', () => {
    const closing = new WorkingDayCalendar({
      closures: ['2026-12-24', '2026-12-29', '2026-12-30', '2026-12-31'],
    });
    expect(closing.workingDaysAfter(new Date('2026-12-23T09:00:00Z'), 2).dueDate).toBe(
      '2027-01-05',
    );
    expect(closing.nonWorkingReason('2026-12-24')).toBe('closure');
  });

  it('uses the policy’s region: 2 January is a holiday in Scotland', () => {
    const scotland = new WorkingDayCalendar({ holidayRegion: { country: 'GB', region: 'SCT' } });
    expect(scotland.workingDaysAfter(new Date('2026-12-31T12:00:00Z'), 1).dueDate).toBe(
      '2027-01-05',
    );
    expect(calendar.workingDaysAfter(new Date('2026-12-31T12:00:00Z'), 1).dueDate).toBe(
      '2027-01-04',
    );
  });

  it('refuses a count that is not a whole number of at least one', () => {
    expect(() => calendar.workingDaysAfter(new Date(), 0)).toThrow(RangeError);
    expect(() => calendar.workingDaysAfter(new Date(), 1.5)).toThrow(RangeError);
  });
});

describe('within one calendar month of a date', () => {
  const month = (from: string) => {
    const { dueDate, dueBy } = calendar.calendarMonthsAfter(new Date(from), 1);
    return { dueDate, dueBy: dueBy.toISOString() };
  };

  it('closes at the end of the same day-of-month a month on', () => {
    expect(month('2026-05-15T10:00:00Z')).toEqual({
      dueDate: '2026-06-15',
      dueBy: '2026-06-15T22:59:59.999Z',
    });
  });

  it('clamps 31 January to the last day of February, in leap and common years', () => {
    expect(month('2026-01-31T10:00:00Z').dueDate).toBe('2026-02-28');
    expect(month('2028-01-31T10:00:00Z').dueDate).toBe('2028-02-29');
  });

  it('takes the local date: a response at 00:30 BST on 1 May is a May response', () => {
    expect(month('2026-04-30T23:30:00Z').dueDate).toBe('2026-06-01');
  });

  it('ignores working days: a window may end on a Sunday or a bank holiday', () => {
    expect(month('2026-11-25T10:00:00Z')).toEqual({
      dueDate: '2026-12-25',
      dueBy: '2026-12-25T23:59:59.999Z',
    });
  });
});

describe('working days between two instants', () => {
  it('counts working days after the first date up to and including the second', () => {
    const between = (a: string, b: string) => calendar.workingDaysBetween(new Date(a), new Date(b));
    expect(between('2026-12-23T09:00:00Z', '2026-12-29T09:00:00Z')).toBe(2);
    expect(between('2026-12-23T09:00:00Z', '2026-12-23T17:00:00Z')).toBe(0);
    expect(between('2026-12-23T09:00:00Z', '2026-12-20T09:00:00Z')).toBe(0);
  });
});

describe('properties', () => {
  const instants = fc.date({
    min: new Date('2019-01-01T00:00:00Z'),
    max: new Date('2028-12-31T23:59:59Z'),
    noInvalidDate: true,
  });
  const counts = fc.integer({ min: 1, max: 25 });

  const workingDaysIn = (after: LocalDate, upTo: LocalDate): number => {
    let n = 0;
    for (let d = addDays(after, 1); d <= upTo; d = addDays(d, 1))
      if (calendar.isWorkingDay(d)) n += 1;
    return n;
  };

  it('the due date is always a working day, with exactly N working days in (receipt date, due date]', () => {
    fc.assert(
      fc.property(instants, counts, (receivedAt, n) => {
        const { dueDate, dueBy } = calendar.workingDaysAfter(receivedAt, n);
        expect(calendar.isWorkingDay(dueDate)).toBe(true);
        expect(workingDaysIn(calendar.localDateOf(receivedAt), dueDate)).toBe(n);
        expect(calendar.localDateOf(dueBy)).toBe(dueDate);
        expect(calendar.localDateOf(new Date(dueBy.getTime() + 1))).toBe(addDays(dueDate, 1));
      }),
    );
  });

  it('the due date never moves earlier when receipt moves later', () => {
    fc.assert(
      fc.property(instants, instants, counts, (a, b, n) => {
        const [earlier, later] = a <= b ? [a, b] : [b, a];
        expect(
          calendar.workingDaysAfter(later, n).dueDate >=
            calendar.workingDaysAfter(earlier, n).dueDate,
        ).toBe(true);
      }),
    );
  });

  it('one calendar month from D is never before D and never in the month after next', () => {
    fc.assert(
      fc.property(instants, (from) => {
        const start = toDateParts(calendar.localDateOf(from));
        const { dueDate } = calendar.calendarMonthsAfter(from, 1);
        const end = toDateParts(dueDate);
        expect(dueDate > calendar.localDateOf(from)).toBe(true);
        expect(end.year * 12 + end.month).toBe(start.year * 12 + start.month + 1);
        expect(end.day).toBe(Math.min(start.day, daysInMonth(end.year, end.month)));
      }),
    );
  });
});
