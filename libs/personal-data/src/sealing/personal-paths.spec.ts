import {
  planOf,
  valueAt,
  withoutValuesAt,
  withPlannedValues,
  withValuesAt,
} from './personal-paths';

describe('personal field paths', () => {
  const data = { summary: 'Late marking', complainant: { name: 'Jane', role: 'learner' } };

  it('reads a field at the top or inside an object, and nothing past a missing object', () => {
    expect(valueAt(data, ['summary'])).toBe('Late marking');
    expect(valueAt(data, ['complainant', 'name'])).toBe('Jane');
    expect(valueAt({ representative: null }, ['representative', 'name'])).toBeUndefined();
  });

  it('takes fields out of a copy, leaving the original and the rest as they were', () => {
    const without = withoutValuesAt(data, planOf(['complainant.name']));
    expect(without).toEqual({ summary: 'Late marking', complainant: { role: 'learner' } });
    expect(data.complainant.name).toBe('Jane');
    expect(withoutValuesAt(data, planOf(['summary']))).toEqual({
      complainant: data.complainant,
    });
    expect(
      withoutValuesAt(data, planOf(['summary', 'complainant.name', 'complainant.role'])),
    ).toEqual({ complainant: {} });
  });

  it('leaves a personal field that is null where it is, and an object not there as it is', () => {
    const plan = planOf(['details', 'representative.name', 'to.email']);
    expect(withoutValuesAt({ details: null, representative: null, kind: 'c' }, plan)).toEqual({
      details: null,
      representative: null,
      kind: 'c',
    });
  });

  it('puts fields back where they were in a copy, leaving the original as it was', () => {
    const stored = { complainant: { role: 'learner' }, representative: null };
    const opened = withValuesAt(
      stored,
      [['complainant', 'name'], ['complainant', 'email'], ['summary'], ['representative', 'name']],
      ['Jane', 'jane@example.org', 'Late marking', 'x'],
    );
    expect(opened).toEqual({
      complainant: { role: 'learner', name: 'Jane', email: 'jane@example.org' },
      representative: null,
      summary: 'Late marking',
    });
    expect(stored).toEqual({ complainant: { role: 'learner' }, representative: null });
  });

  it('puts planned fields back in one order for every event of a type, whichever were present', () => {
    const plan = planOf(['summary', 'details', 'complainant.name', 'complainant.email']);
    const one = withPlannedValues(
      { kind: 'complaint', details: null, complainant: { role: 'learner' } },
      plan,
      ['complainant.name', 'summary'],
      ['Jane', 'Late marking'],
    );
    const other = withPlannedValues(
      { complainant: { role: 'parent' }, kind: 'suggestion' },
      plan,
      ['details', 'complainant.email', 'summary', 'complainant.name'],
      ['More', 'p@example.org', 'Parking', 'Pat'],
    );
    expect(one).toEqual({
      kind: 'complaint',
      summary: 'Late marking',
      details: null,
      complainant: { role: 'learner', name: 'Jane' },
    });
    expect(Object.keys(one)).toEqual(['kind', 'summary', 'details', 'complainant']);
    expect(Object.keys(other)).toEqual(['kind', 'summary', 'details', 'complainant']);
    expect(Object.keys(other.complainant as object)).toEqual(['role', 'name', 'email']);
  });
});
