import { randomUUID } from 'node:crypto';
import { ConcurrencyError, StreamNotFoundError } from '../event-store.errors';
import type { EventStore } from '../event-store.port';
import {
  formatReference,
  parseReference,
  type ReferenceAllocator,
} from './reference-allocator.port';

export const REFERENCE_COUNTER_CATEGORY = 'clfref';

export interface RetryPolicy {
  attempts: number;
  /** Waits before the next attempt; jittered so racing allocators spread out. */
  backoff(attempt: number): Promise<void>;
}

const jitteredBackoff: RetryPolicy = {
  attempts: 100,
  backoff: (attempt) =>
    new Promise((resolve) =>
      setTimeout(resolve, Math.random() * Math.min(50, 2 ** Math.min(attempt, 6))),
    ),
};

export class ReferenceAllocationError extends Error {
  constructor(stream: string, attempts: number) {
    super(`Could not allocate a reference on ${stream} after ${attempts} attempts`);
    this.name = 'ReferenceAllocationError';
  }
}

const counterStream = (prefix: string, year: number) =>
  `${REFERENCE_COUNTER_CATEGORY}-${prefix}-${year}`;

interface ReferenceAllocated {
  sequence: number;
  caseId: string;
}

/**
 * A counter kept as a stream (`clfref-DMM-2026`): read its last value, append the next
 * at that revision, and on a lost race read again. For stores with no atomic counter,
 * such as EventStoreDB. Sequence n is the stream's revision n−1, so finding the case a
 * reference went to is one read.
 */
export class CounterStreamReferenceAllocator implements ReferenceAllocator {
  constructor(
    private readonly store: EventStore,
    private readonly retry: RetryPolicy = jitteredBackoff,
  ) {}

  async next(prefix: string, year: number, caseId: string): Promise<string> {
    const stream = counterStream(prefix, year);
    for (let attempt = 1; attempt <= this.retry.attempts; attempt += 1) {
      const last = await this.lastAllocated(stream);
      const sequence = (last?.sequence ?? 0) + 1;
      try {
        await this.store.append(
          stream,
          [this.allocated({ sequence, caseId })],
          last ? last.revision : 'no-stream',
        );
        return formatReference(prefix, year, sequence);
      } catch (error) {
        if (!(error instanceof ConcurrencyError)) throw error;
        await this.retry.backoff(attempt);
      }
    }
    throw new ReferenceAllocationError(stream, this.retry.attempts);
  }

  async caseIdOf(reference: string): Promise<string | null> {
    const parts = parseReference(reference);
    if (!parts) return null;
    try {
      const [event] = await this.store.readStream(counterStream(parts.prefix, parts.year), {
        fromRevision: parts.sequence - 1,
        maxCount: 1,
      });
      const allocated = event?.data as ReferenceAllocated | undefined;
      return allocated?.sequence === parts.sequence ? allocated.caseId : null;
    } catch (error) {
      if (error instanceof StreamNotFoundError) return null;
      throw error;
    }
  }

  private async lastAllocated(
    stream: string,
  ): Promise<{ sequence: number; revision: number } | null> {
    try {
      const [last] = await this.store.readStream(stream, { direction: 'backwards', maxCount: 1 });
      return { sequence: (last.data as ReferenceAllocated).sequence, revision: last.revision };
    } catch (error) {
      if (error instanceof StreamNotFoundError) return null;
      throw error;
    }
  }

  private allocated(data: ReferenceAllocated) {
    return {
      id: randomUUID(),
      type: 'ReferenceAllocated',
      data,
      occurredAt: new Date().toISOString(),
      metadata: {
        correlationId: randomUUID(),
        causationId: randomUUID(),
        actor: { id: 'system:references' },
        policyId: '-',
        policyVersion: '-',
        schemaVersion: 1,
      },
    };
  }
}
