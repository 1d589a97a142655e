import { createHash } from 'node:crypto';
import type { RecordedEvent } from './event-envelope';

/** JSON with object keys sorted at every level and no spaces: one text per value. */
export function canonicalJson(value: unknown): string {
  // As JSON.stringify does, so what is hashed is what is stored (a Date becomes its ISO string).
  if (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as { toJSON?: unknown }).toJSON === 'function'
  ) {
    return canonicalJson((value as { toJSON(): unknown }).toJSON());
  }
  if (value === null || typeof value !== 'object') {
    const text = JSON.stringify(value);
    return text === undefined ? 'null' : text;
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export type HashedFields = Pick<
  RecordedEvent,
  'prevHash' | 'stream' | 'revision' | 'type' | 'data' | 'occurredAt' | 'recordedAt'
> & { actor: RecordedEvent['metadata']['actor'] };

/** SHA-256 over the canonical JSON of what DESIGN §3 names; chains each event to the one before. */
export function hashEvent(fields: HashedFields): string {
  const { prevHash, stream, revision, type, data, occurredAt, recordedAt, actor } = fields;
  return createHash('sha256')
    .update(
      canonicalJson({ prevHash, stream, revision, type, data, occurredAt, recordedAt, actor }),
    )
    .digest('hex');
}

export interface ChainVerification {
  valid: boolean;
  events: number;
  /** The first revision whose hash, or link to the one before, does not hold. */
  brokenAtRevision: number | null;
}

/** Recomputes the chain of one stream's events, in revision order. */
export function verifyChain(events: readonly RecordedEvent[]): ChainVerification {
  let previous: string | null = null;
  for (const [index, event] of events.entries()) {
    const intact =
      event.revision === index &&
      event.prevHash === previous &&
      event.hash === hashEvent({ ...event, actor: event.metadata.actor });
    if (!intact) return { valid: false, events: events.length, brokenAtRevision: event.revision };
    previous = event.hash;
  }
  return { valid: true, events: events.length, brokenAtRevision: null };
}
