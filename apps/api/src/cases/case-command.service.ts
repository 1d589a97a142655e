import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { Inject, Injectable } from '@nestjs/common';
import {
  authorise,
  CaseNotFoundError,
  caseStream,
  DomainError,
  foldCase,
  isSystemActor,
  scheduledJobOf,
  type Case,
  type CaseCommand,
  type CaseDecider,
  type CaseEvent,
} from '#domain';
import type { Clock } from '#event-store';
import { CaseChangedError, StaleRevisionError } from '../http/problem';
import type { RequestContext } from '../http/request-context';
import { withDirectoryOwner, type OwnerDirectory } from '../people/case-owner';
import { StaffDirectory } from '../people/staff-directory';
import { PersonalDataShredder } from '../personal-data/personal-data-shredder';
import { CLOCK, STORAGE, type Storage } from '../storage/storage';
import { CASE_DECIDER } from './case-decider.provider';
import { caseDetail, type CommandResultResponse } from './case-detail.response';
import {
  apiPosition,
  envelope,
  INTACT,
  IntegrityBrokenError,
  isConcurrencyError,
  loadCase,
  type Integrity,
  type LoadedCase,
} from './case-stream';
import { checkIfMatch } from './if-match';

export interface CommandOptions {
  context: RequestContext;
  /** The `If-Match` header as sent. */
  ifMatch?: string;
  /**
   * A further check of the case the command is decided on, made again on each attempt:
   * for limits the HTTP layer owns, such as the room a case has for documents.
   */
  require?: (found: Case) => void;
}

/** Without If-Match, a lost race is decided again on fresh state this many times. */
const MAX_ATTEMPTS = 5;

/**
 * Load the stream → fold → decide → append at the revision that was read (the flow of a
 * command in docs/architecture.md).
 * Every command on an existing case goes through here, from people and jobs alike.
 */
@Injectable()
export class CaseCommandService {
  constructor(
    @Inject(STORAGE) private readonly storage: Storage,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CASE_DECIDER) private readonly decider: CaseDecider,
    @Inject(StaffDirectory) private readonly directory: OwnerDirectory,
  ) {
    this.shredder = new PersonalDataShredder(storage);
  }

  private readonly shredder: PersonalDataShredder;

  load(caseId: string): Promise<LoadedCase> {
    return loadCase(this.storage.events, caseId);
  }

  /**
   * What must hold before a command is decided, in this order: who may see the case (404),
   * whether its trail is intact (409), whether the caller's copy is current (412), the
   * caller's own further check, and that an owner is someone in the directory (400). Gives
   * the command to decide: with the owner's name as the directory has it.
   */
  private async admit(
    command: CaseCommand,
    loaded: LoadedCase,
    options: CommandOptions,
  ): Promise<CaseCommand> {
    authorise(command, loaded.state, this.decider.policy);
    if (!loaded.integrity.valid) throw new IntegrityBrokenError(loaded.integrity.brokenAtRevision);
    if (loaded.revision !== null) checkIfMatch(options.ifMatch, loaded.revision);
    if (loaded.state !== null) options.require?.(loaded.state);
    return withDirectoryOwner(command, this.directory);
  }

  /**
   * Everything `execute` would check — visibility, role, If-Match, the decision itself —
   * without recording anything: for work worth doing only if the command will succeed,
   * such as storing an upload.
   */
  async preflight(caseId: string, command: CaseCommand, options: CommandOptions): Promise<void> {
    const loaded = await this.load(caseId);
    const admitted = await this.admit(command, loaded, options);
    this.decider.decide(admitted, loaded.state, this.clock());
  }

  async execute(
    caseId: string,
    command: CaseCommand,
    options: CommandOptions,
  ): Promise<CommandResultResponse> {
    return (await this.executeRecording(caseId, command, options)).result;
  }

  /**
   * `execute`, also saying which events it recorded (none when there was nothing to do).
   * A person's command that loses a race is decided again on the fresh case, at the same
   * instant, and recorded only if it still does exactly what it did the first time: a
   * double-clicked "escalate" must not take a complaint two stages (409 instead).
   * The jobs' commands are re-decided freely: each records only what is due.
   */
  async executeRecording(
    caseId: string,
    command: CaseCommand,
    options: CommandOptions,
  ): Promise<{ result: CommandResultResponse; recorded: CaseEvent[] }> {
    const now = this.clock();
    let firstDecision: CaseEvent[] | undefined;
    for (let attempt = 1; ; attempt += 1) {
      const loaded = await this.load(caseId);
      const admitted = await this.admit(command, loaded, options);
      const events =
        firstDecision === undefined || isSystemActor(command.actor)
          ? this.decider.decide(admitted, loaded.state, now)
          : this.decideAgain(admitted, loaded, now, firstDecision);
      firstDecision ??= events;
      let result: CommandResultResponse;
      try {
        result = await this.append(caseId, loaded, events, options);
      } catch (error) {
        if (!isConcurrencyError(error)) throw error;
        const actual = typeof error.actual === 'number' ? error.actual : -1;
        if (options.ifMatch !== undefined && options.ifMatch.trim() !== '*')
          throw new StaleRevisionError(options.ifMatch.trim(), actual);
        if (attempt >= MAX_ATTEMPTS) throw error;
        continue;
      }
      if (events.some((event) => event.type === 'PersonalDataErased'))
        // At once; the erasure follower does it again should this process stop first.
        await this.shredder.shred(caseId, now);
      return { result, recorded: events };
    }
  }

  private decideAgain(
    command: CaseCommand,
    loaded: LoadedCase,
    now: Date,
    firstDecision: CaseEvent[],
  ): CaseEvent[] {
    const changed = () => new CaseChangedError(loaded.revision ?? -1);
    let events: CaseEvent[];
    try {
      events = this.decider.decide(command, loaded.state, now);
    } catch (error) {
      if (error instanceof DomainError) throw changed();
      throw error;
    }
    // Work the jobs had due may have been recorded meanwhile by whoever won the race.
    const own = (decided: CaseEvent[]) => decided.filter((event) => !scheduledJobOf(event));
    if (!isDeepStrictEqual(own(events), own(firstDecision))) throw changed();
    return events;
  }

  private async append(
    caseId: string,
    loaded: LoadedCase,
    events: CaseEvent[],
    options: CommandOptions,
  ): Promise<CommandResultResponse> {
    if (events.length === 0) {
      // Nothing to record (e.g. a sweep with nothing due): answer with the case as it is.
      if (loaded.state === null) throw new CaseNotFoundError();
      const last = loaded.events[loaded.events.length - 1];
      return this.result(loaded.state, loaded.revision!, apiPosition(last.position), INTACT);
    }
    const appended = await this.storage.events.append(
      caseStream(caseId),
      envelope(events, {
        context: options.context,
        commandId: randomUUID(),
        policy: this.decider.policy,
      }),
      loaded.revision ?? 'no-stream',
    );
    return this.result(
      foldCase(events, loaded.state),
      appended.nextRevision,
      apiPosition(appended.position),
      INTACT, // appended onto a trail that verified
    );
  }

  result(
    state: LoadedCase['state'],
    revision: number,
    position: number,
    integrity: Integrity,
  ): CommandResultResponse {
    const found = state!;
    return {
      id: found.id,
      reference: found.reference,
      revision,
      position,
      case: caseDetail(found, revision, integrity),
    };
  }
}
