import { applyDecorators, SetMetadata, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../../auth/public.decorator';
import { ConsoleSessionGuard, OPEN_TO_VISITORS } from '../sessions/console-session.guard';

/**
 * A controller of console pages: signed in by session cookie rather than bearer token,
 * every form checked for its anti-forgery token, left out of the API's OpenAPI document.
 */
export const ConsolePages = () =>
  applyDecorators(Public(), UseGuards(ConsoleSessionGuard), ApiExcludeController());

/** A console page anyone may open without signing in (sign-in, first run, password reset). */
export const OpenToVisitors = () => SetMetadata(OPEN_TO_VISITORS, true);
