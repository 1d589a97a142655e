import { applyDecorators, createParamDecorator, HttpCode, Post } from '@nestjs/common';
import type { ExecutionContext } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiParam } from '@nestjs/swagger';
import { ApiProblems } from '../http/api-problems.decorator';
import { requestContextOf, type AuthenticatedRequest } from '../http/request-context';
import type { CommandOptions } from './case-command.service';
import { CommandResultResponse } from './case-detail.response';
import { CASE_COMMAND_ROUTES, type CaseCommandRouteName } from './case-requests';

/** The case a command is for, who sends it, and the case's ETag they hold. */
export interface CommandTarget {
  caseId: string;
  options: CommandOptions;
}

export function commandTargetOf(request: AuthenticatedRequest): CommandTarget {
  return {
    caseId: String(request.params.id),
    options: { context: requestContextOf(request), ifMatch: request.header('if-match') },
  };
}

/** `:id`, the caller and `If-Match`, in one parameter. */
export const CaseCommandTarget = createParamDecorator(
  (_: unknown, context: ExecutionContext): CommandTarget =>
    commandTargetOf(context.switchToHttp().getRequest<AuthenticatedRequest>()),
);

/** A command on an existing case: If-Match, and the refusals only an existing case can give. */
export const IfMatch = (
  description = 'The case’s ETag, e.g. "3": refused with 412 if the case has changed since.',
) => ApiHeader({ name: 'If-Match', required: false, description });

/** `POST /cases/:id/<path>`, described as its entry in `CASE_COMMAND_ROUTES` says. */
export function CaseCommandPost(name: CaseCommandRouteName) {
  const route: { path: string; summary: string; roles?: string } = CASE_COMMAND_ROUTES[name];
  return applyDecorators(
    Post(`:id/${route.path}`),
    HttpCode(200),
    ApiParam({ name: 'id', type: String }),
    IfMatch(),
    ApiProblems(404, 409, 412),
    ApiOperation({ summary: route.roles ? `${route.summary} (${route.roles})` : route.summary }),
    ApiOkResponse({ type: CommandResultResponse }),
  );
}
