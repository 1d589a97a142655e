import { valueAt, withoutValueAt, withValuesAt } from './personal-paths';

describe('personal field paths', () => {
  const data = { summary: 'Late marking', complainant: { name: 'Jane', role: 'learner' } };

  it('reads a field at the top or inside an object, and nothing past a missing object', () => {
    expect(valueAt(data, ['summary'])).toBe('Late marking');
    expect(valueAt(data, ['complainant', 'name'])).toBe('Jane');
    expect(valueAt({ representative: null }, ['representative', 'name'])).toBeUndefined();
  });

  it('takes a field out of a copy, leaving the original and the rest as they were', () => {
    const without = withoutValueAt(data, ['complainant', 'name']);
    expect(without).toEqual({ summary: 'Late marking', complainant: { role: 'learner' } });
    expect(data.complainant.name).toBe('Jane');
    expect(withoutValueAt(data, ['summary'])).toEqual({ complainant: data.complainant });
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
});
