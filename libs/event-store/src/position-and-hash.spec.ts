import fc from 'fast-check';
import { canonicalJson } from './hash-chain';
import { comparePositions, parsePosition, serialisePosition } from './position';

describe('canonical JSON', () => {
  it('sorts keys at every level, drops undefined, and writes values as JSON.stringify does', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: undefined }], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[2,{"z":1}]},"b":1}',
    );
    expect(canonicalJson({ at: new Date('2026-11-23T12:00:00Z') })).toBe(
      '{"at":"2026-11-23T12:00:00.000Z"}',
    );
  });

  it('writes any JSON as it always has, so stored hashes still verify', () => {
    // The first implementation, kept as the reference.
    const reference = (value: unknown): string => {
      if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
      if (Array.isArray(value)) return `[${value.map(reference).join(',')}]`;
      const entries = Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${reference(v)}`).join(',')}}`;
    };
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(canonicalJson(value)).toBe(reference(value));
      }),
      { numRuns: 500 },
    );
  });
});

describe('positions', () => {
  it('order by commit, then prepare, and survive being stored as text', () => {
    expect(comparePositions({ commit: 5n, prepare: 3n }, { commit: 5n, prepare: 4n })).toBeLessThan(
      0,
    );
    expect(
      comparePositions({ commit: 6n, prepare: 1n }, { commit: 5n, prepare: 9n }),
    ).toBeGreaterThan(0);
    expect(parsePosition(serialisePosition({ commit: 12n, prepare: 10n }))).toEqual({
      commit: 12n,
      prepare: 10n,
    });
    expect(() => parsePosition('12')).toThrow(RangeError);
  });
});
