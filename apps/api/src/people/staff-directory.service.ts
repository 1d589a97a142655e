import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  decideDirectory,
  emptyDirectory,
  evolveDirectory,
  findByEmail,
  STAFF_DIRECTORY_STREAM,
  type DirectoryCommand,
  type DirectoryEvent,
  type DirectoryState,
  type StaffMember,
} from '#domain';
import { StreamNotFoundError, type Clock } from '#event-store';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import type { RequestContext } from '../http/request-context';
import { isConcurrencyError } from '../cases/case-stream';
import { CLOCK, STORAGE, type Storage } from '../storage/storage';

/** A lost race to change the directory is decided again on fresh state this many times. */
const MAX_ATTEMPTS = 5;

/**
 * The staff directory as the server uses it: the stream folded in memory, brought up to
 * date from the store before each use (reading only what is new, so another replica's
 * change — a deactivation above all — counts at once).
 */
@Injectable()
export class StaffDirectory {
  private state: DirectoryState = emptyDirectory;
  private revision = -1;

  constructor(
    @Inject(STORAGE) private readonly storage: Storage,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private async current(): Promise<DirectoryState> {
    try {
      const events = await this.storage.events.readStream(STAFF_DIRECTORY_STREAM, {
        fromRevision: this.revision + 1,
      });
      for (const event of events) {
        this.state = evolveDirectory(this.state, event as unknown as DirectoryEvent);
        this.revision = event.revision;
      }
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
    return this.state;
  }

  async list(): Promise<StaffMember[]> {
    return [...(await this.current()).people.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  async findById(id: string): Promise<StaffMember | undefined> {
    return (await this.current()).people.get(id);
  }

  async findByEmail(email: string): Promise<StaffMember | undefined> {
    return findByEmail(await this.current(), email);
  }

  async isEmpty(): Promise<boolean> {
    return (await this.current()).people.size === 0;
  }

  /** Decides and records a change to the directory; gives what was recorded. */
  async execute(command: DirectoryCommand, context: RequestContext): Promise<DirectoryEvent[]> {
    for (let attempt = 1; ; attempt++) {
      const state = await this.current();
      const events = decideDirectory(command, state, context.actor);
      if (events.length === 0) return events;
      const commandId = randomUUID();
      const now = this.clock().toISOString();
      try {
        await this.storage.events.append(
          STAFF_DIRECTORY_STREAM,
          events.map((event) => ({
            id: randomUUID(),
            type: event.type,
            data: event.data,
            occurredAt: now,
            metadata: {
              correlationId: context.correlationId,
              causationId: commandId,
              actor: { id: context.actor.id, name: context.actor.name, roles: context.actor.roles },
              policyId: this.config.policy.id,
              policyVersion: this.config.policy.version,
              schemaVersion: 1,
            },
          })),
          this.revision === -1 ? 'no-stream' : this.revision,
        );
        return events;
      } catch (error) {
        if (!isConcurrencyError(error) || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }
}
