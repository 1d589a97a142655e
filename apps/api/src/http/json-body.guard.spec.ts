import {
  jsonShapeErrors,
  MAX_JSON_DEPTH,
  MAX_JSON_KEYS,
  MAX_JSON_OBJECT_KEYS,
} from './json-body.guard';
import { JsonKeyBudgetError } from './problem';

const keys = (count: number) =>
  Object.fromEntries(Array.from({ length: count }, (_, i) => [`k${i}`, i]));

describe('jsonShapeErrors', () => {
  it('passes a body within every budget', () => {
    expect(jsonShapeErrors({ a: keys(MAX_JSON_OBJECT_KEYS - 1), b: [1, 2, 3] })).toEqual([]);
  });

  it('refuses an object with more keys than the per-object budget, naming it', () => {
    expect(() => jsonShapeErrors({ complainant: keys(MAX_JSON_OBJECT_KEYS + 1) })).toThrow(
      new JsonKeyBudgetError('object', MAX_JSON_OBJECT_KEYS, 'complainant'),
    );
  });

  it('refuses a body whose keys and array items together are over the total budget', () => {
    const spread = { list: Array.from({ length: MAX_JSON_KEYS }, () => ({ a: 1 })) };
    expect(() => jsonShapeErrors(spread)).toThrow(JsonKeyBudgetError);
    expect(() => jsonShapeErrors({ list: Array(MAX_JSON_KEYS + 1).fill(0) })).toThrow(
      expect.objectContaining({ over: 'body' }),
    );
  });

  it('names a body nested too deep, and reserved names, as field errors', () => {
    let deep: unknown = 1;
    for (let level = 0; level < MAX_JSON_DEPTH + 1; level += 1) deep = { a: deep };
    expect(jsonShapeErrors(deep)).toEqual([
      {
        field: expect.stringMatching(/^a(\.a)+$/),
        message: expect.stringContaining('levels deep'),
      },
    ]);
    expect(jsonShapeErrors(JSON.parse('{"x":{"__proto__":1}}'))).toEqual([
      { field: 'x.__proto__', message: 'property __proto__ should not exist' },
    ]);
  });

  it('refuses a body that is not an object', () => {
    expect(jsonShapeErrors([1])).toEqual([{ field: '(body)', message: expect.any(String) }]);
  });
});
