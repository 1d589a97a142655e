import {
  Inject,
  Injectable,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { AuthenticatedRequest } from '../http/request-context';
import { AccountService, API_TOKEN_PREFIX } from '../people/account.service';
import { IS_PUBLIC } from './public.decorator';
import { InvalidTokenError, TOKEN_VERIFIER, type TokenVerifier } from './token-verifier';

/** Every route needs a valid bearer token unless marked @Public(): a JWT, or a personal API token (`clf_…`). */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(TOKEN_VERIFIER) private readonly verifier: TokenVerifier,
    private readonly accounts: AccountService,
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
    if (match[1].startsWith(API_TOKEN_PREFIX)) {
      const actor = await this.accounts.actorForApiToken(match[1]);
      if (!actor)
        throw new UnauthorizedException(
          'This API token is unknown, revoked or out of date, or its holder is no longer active.',
        );
      request.actor = actor;
      return true;
    }
    try {
      request.actor = await this.verifier.verify(match[1]);
    } catch (error) {
      if (error instanceof InvalidTokenError) throw new UnauthorizedException(error.message);
      throw error;
    }
    return true;
  }
}
