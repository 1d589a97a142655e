import { readMoments } from './moments';
import { typedMoment } from './testing/typed-moment';

const LONDON = 'Europe/London';

describe('the moments typed into the history page', () => {
  it('reads each as the wall clock in the policy’s zone', () => {
    const asked = readMoments(
      {
        ...typedMoment('asOf', '22 7 2026', '4:05pm'),
        ...typedMoment('from', '1 12 2026', '9am'),
        ...typedMoment('to', '2 12 2026', '17:30'),
      },
      LONDON,
    );
    expect(asked.instants).toEqual({
      asOf: '2026-07-22T15:05:00.000Z',
      from: '2026-12-01T09:00:00.000Z',
      to: '2026-12-02T17:30:00.000Z',
    });
    expect(asked.fieldErrors).toEqual({});
    expect(asked.values).toMatchObject({ 'asOf-time': '4:05pm', 'to-day': '2' });
  });

  it('asks nothing of moments left empty', () => {
    expect(readMoments({}, LONDON)).toMatchObject({ instants: {}, fieldErrors: {} });
  });

  it('says what is wrong beside the moment, and asks for the other moment of a difference', () => {
    const asked = readMoments(
      { ...typedMoment('asOf', '31 2 2026', '9am'), ...typedMoment('to', '2 12 2026', '9am') },
      LONDON,
    );
    expect(asked.instants).toEqual({ to: '2026-12-02T09:00:00.000Z' });
    expect(asked.fieldErrors).toEqual({
      'asOf-day': 'Enter a real date, for example 22 12 2026',
      'from-day': 'Enter the first moment, for example 22 12 2026 and 4:05pm',
    });
  });

  it('takes only text, and no more of it than a date or time needs', () => {
    const asked = readMoments({ 'asOf-day': ['1', '2'], 'asOf-time': 'x'.repeat(5_000) }, LONDON);
    expect(asked.values['asOf-day']).toBe('');
    expect(asked.values['asOf-time']).toHaveLength(20);
    expect(asked.fieldErrors['asOf-day']).toBe('Enter a real date, for example 22 12 2026');
  });
});
