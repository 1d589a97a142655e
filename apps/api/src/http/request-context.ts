import { randomUUID } from 'node:crypto';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { Actor } from '#domain';

/** What a request carries into the events it causes. */
export interface RequestContext {
  actor: Actor;
  /** Made by the server for each request: a caller cannot stamp the trail with an id it chose. */
  correlationId: string;
  /** The caller's own `X-Request-Id`, when it sent a sensible one: kept beside, never instead. */
  clientRequestId?: string;
}

export type AuthenticatedRequest = Request & {
  actor?: Actor;
  requestId?: string;
  clientRequestId?: string;
};

const CLIENT_REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;

/**
 * Express middleware: every request gets an id of the server's own, sent back in
 * `X-Correlation-Id` (the id the audit trail and the logs show). The caller's
 * `X-Request-Id` is echoed, or the server's id when it sent none.
 */
export function assignRequestId(
  request: AuthenticatedRequest,
  response: Response,
  next: NextFunction,
) {
  const given = request.header('x-request-id');
  request.requestId = randomUUID();
  if (given && CLIENT_REQUEST_ID.test(given)) request.clientRequestId = given;
  response.setHeader('X-Correlation-Id', request.requestId);
  response.setHeader('X-Request-Id', request.clientRequestId ?? request.requestId);
  next();
}

export function requestContextOf(request: AuthenticatedRequest): RequestContext {
  if (!request.actor) throw new Error('requestContextOf used on a route without authentication');
  return {
    actor: request.actor,
    correlationId: request.requestId ?? randomUUID(),
    ...(request.clientRequestId ? { clientRequestId: request.clientRequestId } : {}),
  };
}

/** The authenticated caller and the request's correlation id. */
export const Context = createParamDecorator((_: unknown, context: ExecutionContext) =>
  requestContextOf(context.switchToHttp().getRequest<AuthenticatedRequest>()),
);
