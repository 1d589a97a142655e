import {
  Inject,
  Injectable,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { AuthenticatedRequest } from '../http/request-context';
import { IS_PUBLIC } from './public.decorator';
import { InvalidTokenError, TOKEN_VERIFIER, type TokenVerifier } from './token-verifier';

/** Every route needs a valid bearer token unless marked @Public(). */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(TOKEN_VERIFIER) private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const open = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (open) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    // RFC 9110: the scheme is case-insensitive, and one or more spaces follow it.
    const match = /^bearer +([A-Za-z0-9_.~+/=-]+)$/i.exec(request.header('authorization') ?? '');
    if (!match)
      throw new UnauthorizedException('Send a bearer token: Authorization: Bearer <JWT>.');
    try {
      request.actor = await this.verifier.verify(match[1]);
    } catch (error) {
      if (error instanceof InvalidTokenError) throw new UnauthorizedException(error.message);
      throw error;
    }
    return true;
  }
}
