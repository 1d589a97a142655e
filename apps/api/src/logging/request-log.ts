import type { NextFunction, Response } from 'express';
import type { Logger } from 'pino';
import type { AuthenticatedRequest } from '../http/request-context';

/**
 * A line per request once answered: its id (the correlation id of any events it caused),
 * who, what, the status and how long it took. The path only, never the query string, which
 * can hold names searched for.
 */
export function requestLog(logger: Logger) {
  return (request: AuthenticatedRequest, response: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    response.once('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const status = response.statusCode;
      // 503 says "not now" (not ready, read models behind): expected, not a fault.
      logger[status === 503 ? 'warn' : status >= 500 ? 'error' : 'info'](
        {
          requestId: request.requestId,
          clientRequestId: request.clientRequestId,
          method: request.method,
          path: request.path,
          status,
          ms: Math.round(ms * 10) / 10,
          actor: request.actor?.id,
        },
        'request',
      );
    });
    next();
  };
}
