import { hash } from 'node:crypto';
import { storedDataOf, type RecordedEvent } from './event-envelope';

/** Object keys as JSON strings: the events' keys are few, and each is written a million times in an audit. */
const QUOTED_KEYS = new Map<string, string>();
const QUOTED_KEYS_KEPT = 10_000;

function quotedKey(key: string): string {
  let quoted = QUOTED_KEYS.get(key);
  if (quoted === undefined) {
    quoted = JSON.stringify(key);
    if (QUOTED_KEYS.size < QUOTED_KEYS_KEPT) QUOTED_KEYS.set(key, quoted);
  }
  return quoted;
}

/** The object's keys in order, sorted only when they are not already (often they are). */
function sortedKeys(object: object): string[] {
  const keys = Object.keys(object);
  for (let i = 1; i < keys.length; i += 1) if (keys[i - 1] > keys[i]) return keys.sort();
  return keys;
}

/**
 * JSON with object keys sorted at every level and no spaces: one text per value. Written
 * with plain loops, as every read of a case recomputes its chain with it, and the
 * chain-audit job every event's.
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
  for (const key of sortedKeys(object)) {
    const member = object[key];
    if (member === undefined) continue;
    const written = typeof member === 'string' ? JSON.stringify(member) : canonicalJson(member);
    text += `${text.length > 1 ? ',' : ''}${quotedKey(key)}:${written}`;
  }
  return `${text}}`;
}

export type HashedFields = Pick<
  RecordedEvent,
  'prevHash' | 'stream' | 'revision' | 'type' | 'data' | 'occurredAt' | 'recordedAt'
> & { actor: RecordedEvent['metadata']['actor'] };

/** The hashed fields with the two JSON values, actor and data, already as canonical JSON text. */
export type HashedTexts = Omit<HashedFields, 'actor' | 'data'> & { actor: string; data: string };

/** SHA-256 in hex: the one-shot hash, several times quicker than createHash for events this small. */
export const sha256Hex = (text: string): string => hash('sha256', text, 'hex');

/**
 * The canonical JSON `hashEvent` hashes, from fields whose JSON values are written already:
 * its keys are known, so it is written in their sorted order directly.
 */
export const hashedTextOf = (texts: HashedTexts): string =>
  `{"actor":${texts.actor},"data":${texts.data},` +
  `"occurredAt":${canonicalJson(texts.occurredAt)},"prevHash":${canonicalJson(texts.prevHash)},` +
  `"recordedAt":${canonicalJson(texts.recordedAt)},"revision":${canonicalJson(texts.revision)},` +
  `"stream":${canonicalJson(texts.stream)},"type":${canonicalJson(texts.type)}}`;

/**
 * The canonical JSON `hashEvent` hashes (the chain-audit job writes a million of these); a
 * field left undefined, which canonical JSON omits, takes the general way.
 */
export function hashedText(fields: HashedFields): string {
  const { prevHash, stream, revision, type, data, occurredAt, recordedAt, actor } = fields;
  const all = [actor, data, occurredAt, prevHash, recordedAt, revision, stream, type];
  if (all.includes(undefined))
    return canonicalJson({ prevHash, stream, revision, type, data, occurredAt, recordedAt, actor });
  return hashedTextOf({ ...fields, actor: canonicalJson(actor), data: canonicalJson(data) });
}

/**
 * SHA-256 over the canonical JSON of the previous hash, stream, revision, type, data, both
 * times and actor: chains each event to the one before.
 */
export const hashEvent = (fields: HashedFields): string => sha256Hex(hashedText(fields));

export interface ChainVerification {
  valid: boolean;
  events: number;
  /** The first revision whose hash, or link to the one before, does not hold. */
  brokenAtRevision: number | null;
}

/** A link to the one before: the next revision, carrying the hash of the one before it. */
export const linksTo = (
  revision: number,
  prevHash: string | null,
  previous: { revision: number; hash: string } | null,
): boolean =>
  revision === (previous ? previous.revision + 1 : 0) &&
  prevHash === (previous ? previous.hash : null);

/** Whether the event hashes as it did when it was recorded. */
export const hashHolds = (event: RecordedEvent): boolean =>
  event.hash ===
  hashEvent({
    prevHash: event.prevHash,
    stream: event.stream,
    revision: event.revision,
    type: event.type,
    data: storedDataOf(event),
    occurredAt: event.occurredAt,
    recordedAt: event.recordedAt,
    actor: event.metadata.actor,
  });

/**
 * Whether an event holds its place in its stream's chain: it is the revision after the one
 * before, links to that one's hash, and hashes as it did when it was recorded.
 */
export const holdsInChain = (
  event: RecordedEvent,
  previous: { revision: number; hash: string } | null,
): boolean => linksTo(event.revision, event.prevHash, previous) && hashHolds(event);

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
