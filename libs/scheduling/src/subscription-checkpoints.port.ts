import type { Position } from '#event-store';

/**
 * Where a subscriber outside the read models (the mail dispatcher) has got to in the event
 * store, by name. Losing one costs only time: a subscriber that starts over finds in the
 * events what it already did.
 */
export interface SubscriptionCheckpoints {
  /** The position last saved under this name, or null before the first. */
  load(name: string): Promise<Position | null>;
  save(name: string, position: Position): Promise<void>;
  close(): Promise<void>;
}

/** A position as text (its parts are 64-bit), for stores that cannot hold a bigint. */
export const positionText = ({ commit, prepare }: Position) => `${commit}/${prepare}`;

export function positionOfText(text: string): Position {
  const [commit, prepare] = text.split('/');
  return { commit: BigInt(commit), prepare: BigInt(prepare) };
}
