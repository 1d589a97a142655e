import fc from 'fast-check';
import { canonicalJson, hashedText, type HashedFields } from './hash-chain';

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

describe('the text an event’s hash is taken over', () => {
  it('is the canonical JSON of its fields, whatever they hold', () => {
    const text = fc.option(fc.string(), { nil: undefined });
    fc.assert(
      fc.property(
        fc.record({
          prevHash: fc.option(fc.string()),
          stream: text,
          revision: fc.option(fc.nat(), { nil: undefined }),
          type: text,
          data: fc.jsonValue(),
          occurredAt: text,
          recordedAt: text,
          actor: fc.option(fc.record({ id: fc.string(), name: fc.string() }), { nil: undefined }),
        }),
        (fields) => {
          expect(hashedText(fields as HashedFields)).toBe(canonicalJson(fields));
        },
      ),
      { numRuns: 500 },
    );
  });
});
