/**
 * Where an event stands in the store's global order.
 *
 * EventStoreDB orders `$all` by (commit, prepare); events appended together share a
 * commit position, so both are kept to resume exactly after any event. SQLite has one
 * sequence number, used as both. `commit` is what clients see as `position`.
 */
export interface Position {
  commit: bigint;
  prepare: bigint;
}

/** Before the first event: reading from here reads everything. */
export const START: Position = Object.freeze({ commit: -1n, prepare: -1n });

export const positionAt = (sequence: bigint | number): Position => ({
  commit: BigInt(sequence),
  prepare: BigInt(sequence),
});

export function comparePositions(a: Position, b: Position): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}
