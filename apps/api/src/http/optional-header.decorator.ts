import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';

/**
 * A request header's value, or undefined when it was not sent. Nest's `@Headers(name)`
 * would do the same but make Swagger declare the header required; routes document their
 * optional headers with `@ApiHeader` instead.
 */
export const OptionalHeader = createParamDecorator(
  (name: string, context: ExecutionContext): string | undefined =>
    context.switchToHttp().getRequest<Request>().header(name),
);
