import { durationSeconds, formatDuration } from './duration';

describe('durations in settings and on the command line', () => {
  it.each([
    ['90s', 90],
    ['30m', 1800],
    ['8h', 28_800],
    ['7d', 604_800],
  ])('reads %s as %i seconds', (text, seconds) => expect(durationSeconds(text)).toBe(seconds));

  it.each(['0h', '8', 'h', '1.5h', '-1h', '8 h', '8H', '1234567s'])('refuses %s', (text) =>
    expect(durationSeconds(text)).toBeNull(),
  );
});

describe('durations written back', () => {
  it.each([
    [43_200, '12h'],
    [90, '90s'],
    [1800, '30m'],
    [604_800, '7d'],
    [3601, '3601s'],
  ])('writes %i seconds as %s', (seconds, text) => expect(formatDuration(seconds)).toBe(text));
});
