import fc from 'fast-check';
import { isMonth, monthsAfter, monthsBetween } from './months';

describe('months', () => {
  it('lists the months between two, across a year end, inclusive', () => {
    expect(monthsBetween('2026-11', '2027-02')).toEqual([
      '2026-11',
      '2026-12',
      '2027-01',
      '2027-02',
    ]);
    expect(monthsBetween('2026-05', '2026-05')).toEqual(['2026-05']);
    expect(monthsBetween('2026-06', '2026-05')).toEqual([]);
  });

  it('counts months forwards and back across year ends', () => {
    expect(monthsAfter('2026-12', 1)).toBe('2027-01');
    expect(monthsAfter('2026-12', -11)).toBe('2026-01');
    expect(monthsAfter('2027-01', -1)).toBe('2026-12');
    expect(monthsAfter('2024-02', -24)).toBe('2022-02');
  });

  it('knows a month when it sees one', () => {
    expect(['2026-01', '2026-12'].every(isMonth)).toBe(true);
    expect(['2026-13', '2026-00', '2026-1', '2026-01-01', 202601].some(isMonth)).toBe(false);
  });

  it('goes from a month to the month n later and back, and lists n + 1 months between them', () => {
    const month = fc
      .tuple(fc.integer({ min: 1900, max: 2200 }), fc.integer({ min: 1, max: 12 }))
      .map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`);
    fc.assert(
      fc.property(month, fc.integer({ min: 0, max: 400 }), (from, n) => {
        const to = monthsAfter(from, n);
        const between = monthsBetween(from, to);
        return (
          isMonth(to) &&
          monthsAfter(to, -n) === from &&
          between.length === n + 1 &&
          between.every(isMonth) &&
          between.every((m, i) => i === 0 || m > between[i - 1])
        );
      }),
    );
  });
});
