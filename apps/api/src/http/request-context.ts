import { randomUUID } from 'node:crypto';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { Actor } from '#domain';

/** What a request carries into the events it causes. */
export interface RequestContext {
  actor: Actor;
  /** From `X-Request-Id` when the caller sends a sensible one, else new; echoed back. */
  correlationId: string;
}

export type AuthenticatedRequest = Request & { actor?: Actor; requestId?: string };

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/** Express middleware: give every request an id and echo it in `X-Request-Id`. */
export function assignRequestId(
  request: AuthenticatedRequest,
  response: Response,
  next: NextFunction,
) {
  const given = request.header('x-request-id');
  request.requestId = given && REQUEST_ID.test(given) ? given : randomUUID();
  response.setHeader('X-Request-Id', request.requestId);
  next();
}

export function requestContextOf(request: AuthenticatedRequest): RequestContext {
  if (!request.actor) throw new Error('requestContextOf used on a route without authentication');
  return { actor: request.actor, correlationId: request.requestId ?? randomUUID() };
}

/** The authenticated caller and the request's correlation id. */
export const Context = createParamDecorator((_: unknown, context: ExecutionContext) =>
  requestContextOf(context.switchToHttp().getRequest<AuthenticatedRequest>()),
);
