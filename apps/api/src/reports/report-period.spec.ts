import { InputValidationError } from '../http/problem';
import { datesOf, reportMonths } from './report-period';

describe('report periods', () => {
  it('refuses a run that goes backwards or is longer than the report takes', () => {
    expect(reportMonths('2026-01', '2026-03', 3)).toHaveLength(3);
    const refusal = (from: string, to: string) => {
      try {
        reportMonths(from, to, 3);
      } catch (error) {
        return error instanceof InputValidationError ? error.errors : error;
      }
      return null;
    };
    expect(refusal('2026-04', '2026-03')).toEqual([
      { field: 'from', message: 'from must not be after to' },
    ]);
    expect(refusal('2026-01', '2026-04')).toEqual([
      { field: 'from', message: 'ask for at most 3 months' },
    ]);
  });

  it('gives a month’s first and last dates, February in a leap year too', () => {
    expect(datesOf('2026-11')).toEqual({ first: '2026-11-01', last: '2026-11-30' });
    expect(datesOf('2028-02')).toEqual({ first: '2028-02-01', last: '2028-02-29' });
    expect(datesOf('2026-12')).toEqual({ first: '2026-12-01', last: '2026-12-31' });
  });
});
