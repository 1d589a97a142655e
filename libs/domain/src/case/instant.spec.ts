import fc from 'fast-check';
import { parseInstant } from './instant';

describe('instants as callers write them', () => {
  it.each([
    ['2026-11-23T09:30:00Z', '2026-11-23T09:30:00.000Z'],
    ['2026-11-23T09:30Z', '2026-11-23T09:30:00.000Z'],
    ['2026-03-29T01:30:00+01:00', '2026-03-29T00:30:00.000Z'],
    ['2028-02-29T23:59:59.999Z', '2028-02-29T23:59:59.999Z'],
  ])('reads %s as %s', (text, iso) => expect(parseInstant(text)?.toISOString()).toBe(iso));

  it.each([
    '2026-02-30T00:00:00Z',
    '2027-02-29T00:00:00Z',
    '2026-04-31T00:00:00Z',
    '2026-13-01T00:00:00Z',
    '2026-11-23T24:00:00Z',
    '2026-11-23T09:60:00Z',
    '2026-11-23T09:30:00+15:00',
    '2026-11-23T09:30:00',
    '0001-01-01T00:00:00Z',
    '1999-12-31T23:59:59Z',
    '23/11/2026',
  ])('refuses %s', (text) => expect(parseInstant(text)).toBeNull());

  it('reads back every real instant it wrote, from 2000 on', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('2000-01-01T00:00:00Z'),
          max: new Date('2199-12-31T23:59:59Z'),
          noInvalidDate: true,
        }),
        (date) => parseInstant(date.toISOString())?.getTime() === date.getTime(),
      ),
    );
  });
});
