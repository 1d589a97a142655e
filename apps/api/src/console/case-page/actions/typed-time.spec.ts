import { readClockTime, readTypedTime } from './typed-time';

const LONDON = 'Europe/London';

describe('a typed date and time', () => {
  it('reads the clock time people write', () => {
    expect(readClockTime('16:05')).toBe('16:05');
    expect(readClockTime('4:05pm')).toBe('16:05');
    expect(readClockTime('4 PM')).toBe('16:00');
    expect(readClockTime('12:30am')).toBe('00:30');
    expect(readClockTime('12pm')).toBe('12:00');
    expect(readClockTime('9.15')).toBe('09:15');
    expect(readClockTime('13pm')).toBeNull();
    expect(readClockTime('24:00')).toBeNull();
    expect(readClockTime('soon')).toBeNull();
  });

  it('reads it in the policy’s zone: British Summer Time is an hour ahead of UTC', () => {
    expect(readTypedTime({ day: '1', month: '7', year: '2026', time: '4:05pm' }, LONDON)).toEqual({
      instant: '2026-07-01T15:05:00.000Z',
    });
    expect(readTypedTime({ day: '22', month: '12', year: '2026', time: '16:05' }, LONDON)).toEqual({
      instant: '2026-12-22T16:05:00.000Z',
    });
  });

  it('leaves nothing typed to mean now', () => {
    expect(readTypedTime({ day: '', month: ' ', year: '', time: '' }, LONDON)).toEqual({
      blank: true,
    });
    expect(readTypedTime(undefined, LONDON)).toEqual({ blank: true });
  });

  it('refuses a date that is not real, or a missing time, in words', () => {
    expect(readTypedTime({ day: '31', month: '2', year: '2026', time: '9:00' }, LONDON)).toEqual({
      error: 'Enter a real date, for example 22 12 2026',
    });
    expect(readTypedTime({ day: '3', month: '2', year: '26', time: '9:00' }, LONDON)).toEqual({
      error: 'Enter a real date, for example 22 12 2026',
    });
    expect(readTypedTime({ day: '3', month: '2', year: '2026' }, LONDON)).toEqual({
      error: 'Enter a time, for example 4:05pm or 16:05',
    });
  });

  it('refuses the hour skipped when the clocks go forward', () => {
    const reading = readTypedTime({ day: '29', month: '3', year: '2026', time: '1:30am' }, LONDON);
    expect(reading).toEqual({ error: expect.stringContaining('the clocks went forward') });
  });
});
