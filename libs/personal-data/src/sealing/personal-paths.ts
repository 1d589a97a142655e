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
