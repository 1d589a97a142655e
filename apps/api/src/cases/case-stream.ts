import { Logger } from '@nestjs/common';
import {
  ConcurrencyError,
  StreamNotFoundError,
  verifyChain,
  type EventMetadata,
  type EventStore,
  type NewEvent,
  type Position,
  type RecordedEvent,
} from '#event-store';
import {
  asCaseEvent,
  canSeeCase,
  CaseNotFoundError,
  caseStream,
  foldCase,
  isCaseId,
  scheduledJobOf,
  systemActor,
  type Actor,
  type Case,
  type CaseEvent,
  type CaseState,
  type Policy,
} from '#domain';
import { ApiProblemError } from '../http/problem';
import type { RequestContext } from '../http/request-context';
import { randomUUID } from 'node:crypto';

/** Whether a case's stored events still hash as they did when recorded. */
export interface Integrity {
  valid: boolean;
  /** The first revision whose hash, or link to the one before, does not hold. */
  brokenAtRevision: number | null;
}

export const INTACT: Integrity = { valid: true, brokenAtRevision: null };

/**
 * Recording onto a trail that does not verify would chain new hashes onto what may be
 * forged: nothing is recorded until someone has looked into it.
 */
export class IntegrityBrokenError extends ApiProblemError {
  constructor(revision: number | null) {
    super(
      409,
      'integrity-broken',
      `The case's audit trail does not verify from revision ${revision}: its events may have been altered outside CLF, so nothing more is recorded on it. Ask an administrator to compare it with a backup (GET /cases/:id/history/verify says where it breaks).`,
    );
  }
}

export interface LoadedCase {
  state: CaseState;
  /** The revision of the last event, or null when there is no such case. */
  revision: number | null;
  events: RecordedEvent[];
  integrity: Integrity;
}

const NO_CASE: LoadedCase = { state: null, revision: null, events: [], integrity: INTACT };

const integrityLog = new Logger('Integrity');

/** What the log says of a case whose chain is found broken, wherever it is found. */
export const BROKEN_CHAIN_LOG =
  'The hash chain of a case is broken: what it shows may have been altered outside CLF';

/** The stream's hash chain, recomputed over the events just read (no second read). */
function integrityOf(id: string, events: readonly RecordedEvent[]): Integrity {
  const { valid, brokenAtRevision } = verifyChain(events);
  if (!valid)
    integrityLog.error({
      msg: BROKEN_CHAIN_LOG,
      caseId: id,
      brokenAtRevision,
    });
  return { valid, brokenAtRevision };
}

/** The case as its stream says, and whether that stream's trail is intact. */
export async function loadCase(store: EventStore, id: string): Promise<LoadedCase> {
  if (!isCaseId(id)) return NO_CASE;
  try {
    const events = await store.readStream(caseStream(id));
    return {
      state: foldCase(events.map(asCaseEvent)),
      revision: events[events.length - 1].revision,
      events,
      integrity: integrityOf(id, events),
    };
  } catch (error) {
    if (error instanceof StreamNotFoundError) return NO_CASE;
    throw error;
  }
}

/** A case that exists, as `loadCase` found it. */
export type VisibleCase = LoadedCase & { state: Case; revision: number };

/**
 * The case, for someone allowed to see it; else 404, whether it does not exist or they may
 * not see it, so that its existence is not disclosed.
 */
export async function loadVisibleCase(
  store: EventStore,
  id: string,
  actor: Actor,
): Promise<VisibleCase> {
  return visibleTo(actor, await loadCase(store, id));
}

/** The loaded case, if `actor` may see it; else 404. */
export function visibleTo(actor: Actor, loaded: LoadedCase): VisibleCase {
  if (loaded.state === null || !canSeeCase(actor, loaded.state)) throw new CaseNotFoundError();
  return loaded as VisibleCase;
}

/** The API's `position`: the global commit position, as a JSON number. */
export const apiPosition = (position: Position) => Number(position.commit);

export interface EnvelopeOptions {
  context: RequestContext;
  /** This command's own id: what caused the events. */
  commandId: string;
  policy: Policy;
  idempotency?: { key: string; requestHash: string };
}

/** Who did it, in answer to which request and command, under which policy: every stream's events carry this. */
export function eventMetadata(by: Actor, options: EnvelopeOptions): EventMetadata {
  const { correlationId, clientRequestId } = options.context;
  return {
    correlationId,
    causationId: options.commandId,
    actor: { id: by.id, name: by.name, roles: by.roles },
    policyId: options.policy.id,
    policyVersion: options.policy.version,
    schemaVersion: 1,
    ...(clientRequestId ? { clientRequestId } : {}),
    ...(options.idempotency ? { idempotency: options.idempotency } : {}),
  };
}

export function envelope(events: CaseEvent[], options: EnvelopeOptions): NewEvent[] {
  return events.map((event) => {
    // Work a job would have done, recorded first by a person's command, is the system's.
    const job = scheduledJobOf(event);
    const by = job ? systemActor(job) : options.context.actor;
    return {
      id: randomUUID(),
      type: event.type,
      data: event.data,
      occurredAt: event.occurredAt,
      metadata: eventMetadata(by, options),
    };
  });
}

export const isConcurrencyError = (error: unknown): error is ConcurrencyError =>
  error instanceof ConcurrencyError;
