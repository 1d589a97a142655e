/** A field's place in an event's data: `complainant.email` → ['complainant', 'email']. */
export type FieldPath = readonly string[];

type Data = Record<string, unknown>;

const isObject = (value: unknown): value is Data =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function valueAt(data: Data, path: FieldPath): unknown {
  let at: unknown = data;
  for (const part of path) {
    if (!isObject(at)) return undefined;
    at = at[part];
  }
  return at;
}

/** Where the personal fields of one event type are: each key leads to one (its field name), or to an object holding some. */
export type FieldPlan = ReadonlyMap<string, string | FieldPlan>;

export function planOf(names: readonly string[], prefix = ''): FieldPlan {
  const plan = new Map<string, string | FieldPlan>();
  const nested = new Map<string, string[]>();
  for (const name of names) {
    const dot = name.indexOf('.');
    if (dot === -1) plan.set(name, prefix + name);
    else {
      const head = name.slice(0, dot);
      nested.set(head, [...(nested.get(head) ?? []), name.slice(dot + 1)]);
    }
  }
  // A whole object personal holds whatever personal fields it has.
  for (const [head, inner] of nested)
    if (!plan.has(head)) plan.set(head, planOf(inner, `${prefix}${head}.`));
  return plan;
}

/**
 * A copy of `data` without the personal values the plan names (those null or absent stay
 * as they are), made in one pass: `data` and what it shares are left as they were.
 */
export function withoutValuesAt(data: Data, plan: FieldPlan): Data {
  const rest: Data = {};
  for (const key of Object.keys(data)) {
    const value = data[key];
    const inner = plan.get(key);
    if (inner === undefined) rest[key] = value;
    else if (typeof inner === 'string') {
      if (value === null || value === undefined) rest[key] = value;
    } else rest[key] = isObject(value) ? withoutValuesAt(value, inner) : value;
  }
  return rest;
}

/**
 * `rest` with the personal values put back (`values[i]` is field `fields[i]`), made in one
 * pass. Every event of a type comes out with its fields in the same order (the plan's, after
 * the others), whichever were present: the code reading them stays fast.
 * Fields the plan does not name (no longer personal) are left out: `withValuesAt` puts them;
 * so is `leaveOut` (where the sealed values were).
 */
export function withPlannedValues(
  rest: Data,
  plan: FieldPlan,
  fields: readonly string[],
  values: readonly unknown[],
  leaveOut?: string,
): Data {
  const opened: Data = {};
  for (const key of Object.keys(rest))
    if (!plan.has(key) && key !== leaveOut) opened[key] = rest[key];
  for (const [key, inner] of plan) {
    if (typeof inner === 'string') {
      const index = fields.indexOf(inner);
      if (index !== -1) opened[key] = values[index];
      else if (key in rest) opened[key] = rest[key];
    } else if (key in rest) {
      const value = rest[key];
      opened[key] = isObject(value) ? withPlannedValues(value, inner, fields, values) : value;
    }
  }
  return opened;
}

/**
 * A copy of `data` with each value at its path: the objects on the paths are copied once
 * each, so `data` and what it shares stay as they were (they are what the hash covers).
 */
export function withValuesAt(
  data: Data,
  paths: readonly FieldPath[],
  values: readonly unknown[],
): Data {
  const copy: Data = { ...data };
  const copied = new Set<Data>([copy]);
  paths.forEach((path, index) => {
    let at = copy;
    for (const part of path.slice(0, -1)) {
      const inner = at[part];
      // The object that held it was not kept (a representative now null): nothing to put back.
      if (!isObject(inner)) return;
      if (!copied.has(inner)) {
        const innerCopy = { ...inner };
        copied.add(innerCopy);
        at[part] = innerCopy;
        at = innerCopy;
      } else at = inner;
    }
    at[path[path.length - 1]] = values[index];
  });
  return copy;
}
