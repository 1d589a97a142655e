import {
  Inject,
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import type { Request } from 'express';
import { from, switchMap, type Observable } from 'rxjs';
import type { ReadSide } from '#read-models';
import { InputValidationError, ReadModelBehindError } from '../http/problem';
import { PROJECTIONS } from '../projections/projections.module';

/** How long a query waits for the read models to reach `X-CLF-Min-Position`. */
export const MIN_POSITION_WAIT_MS = 5_000;

/**
 * `X-CLF-Min-Position: <position>` (from a command's response): answer only once the read
 * models include that event — read your own writes — or 503 after five seconds.
 */
@Injectable()
export class MinPositionInterceptor implements NestInterceptor {
  constructor(@Inject(PROJECTIONS) private readonly projections: ReadSide) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const header = context.switchToHttp().getRequest<Request>().header('x-clf-min-position');
    if (header === undefined) return next.handle();
    if (!/^\d{1,18}$/.test(header.trim()))
      throw new InputValidationError([
        {
          field: 'X-CLF-Min-Position',
          message: 'X-CLF-Min-Position must be a position from a command response',
        },
      ]);
    return from(this.projections.reached(BigInt(header.trim()), MIN_POSITION_WAIT_MS)).pipe(
      switchMap((reached) => {
        if (!reached) throw new ReadModelBehindError(header.trim());
        return next.handle();
      }),
    );
  }
}
