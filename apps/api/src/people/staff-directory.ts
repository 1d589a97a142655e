import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  decideStaffDirectory,
  foldStaffDirectory,
  initialStaffDirectory,
  personWithEmail,
  STAFF_DIRECTORY_STREAM,
  type CaseDecider,
  type StaffDirectoryCommand,
  type StaffDirectoryEvent,
  type StaffDirectoryState,
  type StaffMember,
} from '#domain';
import { StreamNotFoundError, type Clock, type EventActor } from '#event-store';
import { CASE_DECIDER } from '../cases/case-decider.provider';
import { eventMetadata, isConcurrencyError } from '../cases/case-stream';
import type { RequestContext } from '../http/request-context';
import { CLOCK, STORAGE, type Storage } from '../storage/storage';

export type { StaffMember } from '#domain';

/** One change to a person in the directory: what, when it was recorded, and by whom. */
export interface PersonChange {
  event: StaffDirectoryEvent;
  recordedAt: string;
  by: EventActor;
}

/** A lost race is decided again on the fresh directory this many times. */
const MAX_ATTEMPTS = 5;

/**
 * In the distributed profile other replicas append too: the stream's last revision is read
 * at most this often, so a change made elsewhere shows here within a second.
 */
export const DISTRIBUTED_REFRESH_MS = 1000;

interface Snapshot {
  state: StaffDirectoryState;
  /** The revision folded so far, or null while the stream does not exist. */
  revision: number | null;
  checkedAt: number;
}

/**
 * The staff directory, kept in memory and folded from its one stream. Embedded, every read
 * asks SQLite for events beyond the revision folded (an indexed look-up that finds nothing
 * almost always), so a change by `npm run user` shows at once; distributed, it asks
 * EventStoreDB at most once a second (`DISTRIBUTED_REFRESH_MS`), so another replica's
 * change shows here within a second. Deciding always reads the stream first.
 */
@Injectable()
export class StaffDirectory {
  private snapshot: Snapshot = {
    state: initialStaffDirectory(),
    revision: null,
    checkedAt: -Infinity,
  };
  private readonly refreshEveryMs: number;

  constructor(
    @Inject(STORAGE) private readonly storage: Storage,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CASE_DECIDER) private readonly decider: Pick<CaseDecider, 'policy'>,
    distributed = false,
  ) {
    this.refreshEveryMs = distributed ? DISTRIBUTED_REFRESH_MS : 0;
  }

  async list(): Promise<StaffMember[]> {
    return [...(await this.current()).people.values()];
  }

  async findById(id: string): Promise<StaffMember | undefined> {
    return (await this.current()).people.get(id);
  }

  /** Whatever the letter case of the address given. */
  async findByEmail(email: string): Promise<StaffMember | undefined> {
    return personWithEmail(await this.current(), email.trim());
  }

  /** Every change to the person, oldest first, with who made it: the audit of their access. */
  async historyOf(personId: string): Promise<PersonChange[]> {
    const events = await this.eventsAfter(null);
    return events
      .filter((e) => (e.data as { personId?: unknown }).personId === personId)
      .map((e) => ({
        event: { type: e.type, data: e.data, occurredAt: e.occurredAt } as StaffDirectoryEvent,
        recordedAt: e.recordedAt,
        by: e.metadata.actor,
      }));
  }

  async isEmpty(): Promise<boolean> {
    return (await this.current()).people.size === 0;
  }

  /**
   * Decides the command on the directory and appends at the revision it was decided on;
   * if someone else appended meanwhile, decides again on the fresh directory.
   */
  async execute(
    command: StaffDirectoryCommand,
    context: RequestContext,
  ): Promise<StaffDirectoryEvent[]> {
    const now = this.clock();
    for (let attempt = 1; ; attempt += 1) {
      const { state, revision } = await this.refreshed(0);
      const events = decideStaffDirectory(command, state, now);
      if (events.length === 0) return events;
      try {
        await this.storage.events.append(
          STAFF_DIRECTORY_STREAM,
          events.map((event) => ({
            id: randomUUID(),
            type: event.type,
            data: event.data,
            occurredAt: event.occurredAt,
            metadata: eventMetadata(command.actor, {
              context,
              commandId: randomUUID(),
              policy: this.decider.policy,
            }),
          })),
          revision ?? 'no-stream',
        );
        await this.refreshed(0);
        return events;
      } catch (error) {
        if (!isConcurrencyError(error) || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }

  private current(): Promise<StaffDirectoryState> {
    return this.refreshed(this.refreshEveryMs).then((snapshot) => snapshot.state);
  }

  /** Folds what the stream holds beyond the snapshot, if the snapshot is older than `maxAgeMs`. */
  private async refreshed(maxAgeMs: number): Promise<Snapshot> {
    const at = Date.now();
    const seen = this.snapshot;
    if (seen.revision !== null && at - seen.checkedAt < maxAgeMs) return seen;
    const events = await this.eventsAfter(seen.revision);
    const last = events[events.length - 1];
    // Another call may have folded further meanwhile: keep the furthest.
    if (last && (this.snapshot.revision ?? -1) < last.revision)
      this.snapshot = {
        state: foldStaffDirectory(events as unknown as StaffDirectoryEvent[], seen.state),
        revision: last.revision,
        checkedAt: at,
      };
    else if (this.snapshot === seen) this.snapshot = { ...seen, checkedAt: at };
    return this.snapshot;
  }

  private async eventsAfter(revision: number | null) {
    try {
      return await this.storage.events.readStream(STAFF_DIRECTORY_STREAM, {
        fromRevision: revision === null ? 0 : revision + 1,
      });
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
  }
}
