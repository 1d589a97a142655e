import {
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import type { Response } from 'express';
import { map, type Observable } from 'rxjs';

/** `ETag: "<revision>"` on every response that carries a case revision. */
@Injectable()
export class ETagInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const response = context.switchToHttp().getResponse<Response>();
    return next.handle().pipe(
      map((body: unknown) => {
        const revision = (body as { revision?: unknown } | undefined)?.revision;
        if (typeof revision === 'number') response.setHeader('ETag', `"${revision}"`);
        return body;
      }),
    );
  }
}
