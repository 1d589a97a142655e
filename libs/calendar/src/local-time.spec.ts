import fc from 'fast-check';
import { instantAtLocalTime, localTimeOf } from './local-time';

const LONDON = 'Europe/London';

describe('reading a wall-clock time in Europe/London', () => {
  it('is UTC in winter and an hour ahead in summer', () => {
    expect(instantAtLocalTime('2026-12-22', '16:05', LONDON)?.toISOString()).toBe(
      '2026-12-22T16:05:00.000Z',
    );
    expect(instantAtLocalTime('2026-07-01', '09:30', LONDON)?.toISOString()).toBe(
      '2026-07-01T08:30:00.000Z',
    );
  });

  it('refuses a time the clocks skipped when they went forward (29 March 2026, 01:00–02:00)', () => {
    expect(instantAtLocalTime('2026-03-29', '01:30', LONDON)).toBeNull();
    expect(instantAtLocalTime('2026-03-29', '00:59', LONDON)?.toISOString()).toBe(
      '2026-03-29T00:59:00.000Z',
    );
    expect(instantAtLocalTime('2026-03-29', '02:00', LONDON)?.toISOString()).toBe(
      '2026-03-29T01:00:00.000Z',
    );
  });

  it('takes the first of a time that came twice when the clocks went back (25 October 2026)', () => {
    expect(instantAtLocalTime('2026-10-25', '01:30', LONDON)?.toISOString()).toBe(
      '2026-10-25T00:30:00.000Z',
    );
  });

  it('reads a receipt late at night on the right day', () => {
    expect(instantAtLocalTime('2026-06-30', '23:59', LONDON)?.toISOString()).toBe(
      '2026-06-30T22:59:00.000Z',
    );
    expect(localTimeOf(new Date('2026-06-30T23:30:00Z'), LONDON)).toEqual({
      date: '2026-07-01',
      time: '00:30',
    });
  });

  it('refuses what is not a date or a time', () => {
    expect(instantAtLocalTime('2026-02-29', '10:00', LONDON)).toBeNull();
    expect(instantAtLocalTime('2026-02-28', '24:00', LONDON)).toBeNull();
    expect(instantAtLocalTime('2026-02-28', '9:5', LONDON)).toBeNull();
  });

  it('gives back the wall-clock reading of any instant, in several zones', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('2000-01-01T00:00:00Z'),
          max: new Date('2040-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.constantFrom(LONDON, 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kolkata'),
        (instant, zone) => {
          const minute = new Date(Math.floor(instant.getTime() / 60_000) * 60_000);
          const { date, time } = localTimeOf(minute, zone);
          const read = instantAtLocalTime(date, time, zone);
          expect(read).not.toBeNull();
          expect(localTimeOf(read!, zone)).toEqual({ date, time });
          expect(read!.getTime()).toBeLessThanOrEqual(minute.getTime());
        },
      ),
    );
  });
});
