import { Injectable } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { CaseCommand } from '#domain';
import { CaseCommandService, type CommandOptions } from '../case-command.service';
import type { CommandResultResponse } from '../case-detail.response';

/** A domain command, already built from its request, for an existing case. */
export class CaseCommandMessage extends Command<CommandResultResponse> {
  constructor(
    readonly caseId: string,
    readonly command: CaseCommand,
    readonly options: CommandOptions,
  ) {
    super();
  }
}

/** Every command on an existing case, from every route: the service does the work. */
@Injectable()
@CommandHandler(CaseCommandMessage)
export class CaseCommandHandler implements ICommandHandler<
  CaseCommandMessage,
  CommandResultResponse
> {
  constructor(private readonly cases: CaseCommandService) {}

  execute({ caseId, command, options }: CaseCommandMessage): Promise<CommandResultResponse> {
    return this.cases.execute(caseId, command, options);
  }
}
