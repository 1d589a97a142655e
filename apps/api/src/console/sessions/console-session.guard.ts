import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import { FormExpiredError, NotSignedInError } from './console.errors';
import { isSessionsFormToken, ConsoleSessions } from './console-sessions';
import type { ConsoleRequest } from './console-request';
import { navigationFor } from '../pages/navigation';

export const OPEN_TO_VISITORS = 'clf:console-open-to-visitors';

const CHANGES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Every console page: finds the session, sends a visitor who must sign in to the sign-in
 * page, and refuses any form that does not carry its session's anti-forgery token (before
 * the handler runs, so nothing is done). A multipart form (an upload) carries the token in
 * its address, because the guard runs before the body is read.
 */
@Injectable()
export class ConsoleSessionGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: ConsoleSessions,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<ConsoleRequest>();
    const response = context.switchToHttp().getResponse<Response>();
    const openToVisitors = this.reflector.getAllAndOverride<boolean>(OPEN_TO_VISITORS, [
      context.getHandler(),
      context.getClass(),
    ]);
    let visit = await this.sessions.visit(request);
    if (!visit?.person && !openToVisitors)
      throw new NotSignedInError(
        request.method === 'GET' ? request.originalUrl : '/',
        visit?.ended,
      );
    if (
      CHANGES.has(request.method) &&
      !(visit && isSessionsFormToken(visit.session, this.formToken(request)))
    )
      throw new FormExpiredError();
    if (!visit?.session || visit.ended)
      visit = { session: await this.sessions.begin(response), person: null };
    request.visit = visit;
    Object.assign(response.locals, {
      person: visit.person,
      csrfToken: visit.session.csrfToken,
      navigation: visit.person ? navigationFor(visit.person, request.path) : [],
    });
    return true;
  }

  private formToken(request: ConsoleRequest): unknown {
    if (request.is('multipart/form-data')) return request.query._csrf;
    return (request.body as Record<string, unknown> | undefined)?._csrf;
  }
}
