import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  asCaseEvent,
  authorise,
  caseStream,
  foldCase,
  type Actor,
  type CaseDecider,
  type ReceiveCase,
} from '#domain';
import type { Clock } from '#event-store';
import { withDirectoryOwner, type OwnerDirectory } from '../../people/case-owner';
import { StaffDirectory } from '../../people/staff-directory';
import { CLOCK, STORAGE, type Storage } from '../../storage/storage';
import { CaseCommandService, type CommandOptions } from '../case-command.service';
import { CASE_DECIDER } from '../case-decider.provider';
import type { CommandResultResponse } from '../case-detail.response';
import { given, type ReceiveCaseRequest } from '../case-requests';
import { apiPosition, envelope, INTACT, isConcurrencyError, visibleTo } from '../case-stream';
import { caseIdForKey, IdempotencyKeyReusedError, requestHash } from './idempotency-key';

export class ReceiveCaseCommand extends Command<CommandResultResponse> {
  constructor(
    readonly body: ReceiveCaseRequest,
    readonly options: CommandOptions & { idempotencyKey?: string },
  ) {
    super();
  }
}

/**
 * Records new feedback: a case id (from the Idempotency-Key, if sent), a reference number,
 * and the first event. The command is decided once before a reference is taken, so a
 * refused request does not use up a number.
 */
@CommandHandler(ReceiveCaseCommand)
export class ReceiveCaseHandler implements ICommandHandler<
  ReceiveCaseCommand,
  CommandResultResponse
> {
  constructor(
    @Inject(STORAGE) private readonly storage: Storage,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CASE_DECIDER) private readonly decider: CaseDecider,
    private readonly cases: CaseCommandService,
    @Inject(StaffDirectory) private readonly directory: OwnerDirectory,
  ) {}

  async execute({ body, options }: ReceiveCaseCommand): Promise<CommandResultResponse> {
    const { actor } = options.context;
    const request = JSON.parse(JSON.stringify(given(body))) as ReceiveCaseRequest;
    const key = options.idempotencyKey;
    const caseId = key ? caseIdForKey(actor.id, key) : randomUUID();
    const idempotency = key ? { key, requestHash: requestHash(request) } : undefined;
    const asked: ReceiveCase = {
      type: 'ReceiveCase',
      actor,
      data: { ...request, caseId, reference: 'PENDING' },
    };
    // Only someone who may record feedback gets a case back, even an earlier one of theirs.
    authorise(asked, null, this.decider.policy);
    if (idempotency) {
      const original = await this.original(caseId, idempotency.requestHash, actor);
      if (original) return original;
    }
    const checked = (await withDirectoryOwner(asked, this.directory)) as ReceiveCase;
    const receive = (reference: string): ReceiveCase => ({
      ...checked,
      data: { ...checked.data, reference },
    });

    const now = this.clock();
    this.decider.decide(receive('PENDING'), null, now);
    const year = Number(this.decider.calendar.localDateOf(now).slice(0, 4));
    const reference = await this.storage.references.next(
      this.decider.policy.referencePrefix,
      year,
      caseId,
    );
    const events = this.decider.decide(receive(reference), null, now);
    try {
      const appended = await this.storage.events.append(
        caseStream(caseId),
        envelope(events, {
          context: options.context,
          commandId: randomUUID(),
          policy: this.decider.policy,
          idempotency,
        }),
        'no-stream',
      );
      return this.cases.result(
        foldCase(events),
        appended.nextRevision,
        apiPosition(appended.position),
        INTACT, // a new stream
      );
    } catch (error) {
      // Two retries with one key raced and the other won: answer as it did.
      if (idempotency && isConcurrencyError(error)) {
        const original = await this.original(caseId, idempotency.requestHash, actor);
        if (original) return original;
      }
      throw error;
    }
  }

  /** The result the first request with this key got, if there was one; a different request is refused. */
  private async original(
    caseId: string,
    hash: string,
    actor: Actor,
  ): Promise<CommandResultResponse | null> {
    const loaded = await this.cases.load(caseId);
    if (loaded.state === null) return null;
    const { events, integrity } = visibleTo(actor, loaded);
    const [first] = events;
    if (first.metadata.idempotency?.requestHash !== hash) throw new IdempotencyKeyReusedError();
    // Everything the first request recorded (a case resolved at first contact is two events).
    const recorded = events.filter((e) => e.metadata.causationId === first.metadata.causationId);
    const last = recorded[recorded.length - 1];
    return this.cases.result(
      foldCase(recorded.map(asCaseEvent)),
      last.revision,
      apiPosition(last.position),
      integrity,
    );
  }
}
