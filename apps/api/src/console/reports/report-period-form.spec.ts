import { readMonthsForm, readYearForm } from './report-period-form';

describe('a report page’s period, as typed in its address', () => {
  it('takes from and to, or one month for both', () => {
    expect(readMonthsForm({ from: '2026-01', to: '2026-03' }, 24)).toEqual({
      typed: { from: '2026-01', to: '2026-03' },
      asked: { from: '2026-01', to: '2026-03' },
      errors: [],
    });
    expect(readMonthsForm({ month: ' 2026-05 ' }, 24).asked).toEqual({
      from: '2026-05',
      to: '2026-05',
    });
    expect(readMonthsForm({}, 24)).toEqual({ typed: { from: '', to: '' }, asked: {}, errors: [] });
  });

  it('says what cannot be used and leaves it out, keeping what was typed to show it back', () => {
    expect(readMonthsForm({ from: 'November', to: '2026-11' }, 24)).toEqual({
      typed: { from: 'November', to: '2026-11' },
      asked: { to: '2026-11' },
      errors: [{ field: 'from', message: 'Enter a month like 2026-11' }],
    });
    expect(readMonthsForm({ from: ['2026-01', '2026-02'] }, 24).asked).toEqual({});
  });

  it('refuses a run backwards or too long, and then asks for the default period', () => {
    expect(readMonthsForm({ from: '2026-05', to: '2026-01' }, 24)).toMatchObject({
      asked: {},
      errors: [{ field: 'from', message: 'from must not be after to' }],
    });
    expect(readMonthsForm({ from: '2024-01', to: '2026-12' }, 24)).toMatchObject({
      asked: {},
      errors: [{ field: 'from', message: 'ask for at most 24 months' }],
    });
  });

  it('takes a year like 2026, and says so of anything else', () => {
    expect(readYearForm({ year: '2026' })).toEqual({ typed: '2026', year: 2026, errors: [] });
    expect(readYearForm({})).toEqual({ typed: '', errors: [] });
    expect(readYearForm({ year: '26' })).toEqual({
      typed: '26',
      errors: [{ field: 'year', message: 'Enter a year like 2026' }],
    });
  });
});
