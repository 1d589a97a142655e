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

/** A copy of `data` without the field at `path`; what it shares with `data` is left as it was. */
export function withoutValueAt(data: Data, path: FieldPath): Data {
  const [head, ...rest] = path;
  if (rest.length === 0) {
    const { [head]: _removed, ...others } = data;
    return others;
  }
  const inner = data[head];
  return isObject(inner) ? { ...data, [head]: withoutValueAt(inner, rest) } : data;
}

/** A copy of `data` with `value` at `path`; what it shares with `data` is left as it was. */
export function withValueAt(data: Data, path: FieldPath, value: unknown): Data {
  const [head, ...rest] = path;
  if (rest.length === 0) return { ...data, [head]: value };
  const inner = data[head];
  // The object that held it was not kept (a representative now null): nothing to put back.
  return isObject(inner) ? { ...data, [head]: withValueAt(inner, rest, value) } : data;
}
