import { hash } from 'node:crypto';
import type { RecordedEvent } from './event-envelope';

/**
 * JSON with object keys sorted at every level and no spaces: one text per value. Written
 * with plain loops, as every read of a case recomputes its chain with it.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    const text = JSON.stringify(value);
    return text === undefined ? 'null' : text;
  }
  // As JSON.stringify does, so what is hashed is what is stored (a Date becomes its ISO string).
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function')
    return canonicalJson((value as { toJSON(): unknown }).toJSON());
  if (Array.isArray(value)) {
    let text = '[';
    for (let i = 0; i < value.length; i += 1) text += (i > 0 ? ',' : '') + canonicalJson(value[i]);
    return `${text}]`;
  }
  const object = value as Record<string, unknown>;
  let text = '{';
  for (const key of Object.keys(object).sort()) {
    const member = object[key];
    if (member === undefined) continue;
    text += `${text.length > 1 ? ',' : ''}${JSON.stringify(key)}:${canonicalJson(member)}`;
  }
  return `${text}}`;
}

export type HashedFields = Pick<
  RecordedEvent,
  'prevHash' | 'stream' | 'revision' | 'type' | 'data' | 'occurredAt' | 'recordedAt'
> & { actor: RecordedEvent['metadata']['actor'] };

/**
 * SHA-256 over the canonical JSON of the previous hash, stream, revision, type, data, both
 * times and actor: chains each event to the one before.
 */
export function hashEvent(fields: HashedFields): string {
  const { prevHash, stream, revision, type, data, occurredAt, recordedAt, actor } = fields;
  // The one-shot hash: every read of a case recomputes its chain, and this is several times
  // quicker than createHash for events this small.
  return hash(
    'sha256',
    canonicalJson({ prevHash, stream, revision, type, data, occurredAt, recordedAt, actor }),
    'hex',
  );
}

export interface ChainVerification {
  valid: boolean;
  events: number;
  /** The first revision whose hash, or link to the one before, does not hold. */
  brokenAtRevision: number | null;
}

/**
 * Whether an event holds its place in its stream's chain: it is the revision after the one
 * before, links to that one's hash, and hashes as it did when it was recorded.
 */
export const holdsInChain = (
  event: RecordedEvent,
  previous: { revision: number; hash: string } | null,
): boolean =>
  event.revision === (previous ? previous.revision + 1 : 0) &&
  event.prevHash === (previous ? previous.hash : null) &&
  event.hash === hashEvent({ ...event, actor: event.metadata.actor });

/** Recomputes the chain of one stream's events, in revision order. */
export function verifyChain(events: readonly RecordedEvent[]): ChainVerification {
  let previous: RecordedEvent | null = null;
  for (const event of events) {
    if (!holdsInChain(event, previous))
      return { valid: false, events: events.length, brokenAtRevision: event.revision };
    previous = event;
  }
  return { valid: true, events: events.length, brokenAtRevision: null };
}
