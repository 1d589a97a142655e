import { Injectable } from '@nestjs/common';
import { Command } from '@nestjs/cqrs';
import type { CaseCommand } from '#domain';
import { CaseCommandService, type CommandOptions } from '../case-command.service';
import type { CommandResultResponse } from '../case-detail.response';

/** A command on an existing case, as it arrives over HTTP. */
export abstract class CaseCommandMessage<Body> extends Command<CommandResultResponse> {
  constructor(
    readonly caseId: string,
    readonly body: Body,
    readonly options: CommandOptions,
  ) {
    super();
  }
}

/** Each handler says only how its request becomes a domain command; the service does the rest. */
@Injectable()
export abstract class CaseCommandHandler<Message extends CaseCommandMessage<unknown>> {
  constructor(protected readonly cases: CaseCommandService) {}

  protected abstract toDomain(message: Message): CaseCommand;

  execute(message: Message): Promise<CommandResultResponse> {
    return this.cases.execute(message.caseId, this.toDomain(message), message.options);
  }
}

/** Request fields the caller left out are absent from the command, not `undefined`. */
export function given<T extends object>(body: T): T {
  return Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined)) as T;
}
