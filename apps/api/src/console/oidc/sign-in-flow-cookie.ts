import { hkdfSync } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { EncryptJWT, errors, jwtDecrypt } from 'jose';
import type { Clock } from '#event-store';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { CLOCK } from '../../storage/storage';
import { OIDC_SIGN_IN_PATH } from './oidc-addresses';
import { IdentityProviderNotConfiguredError } from './oidc.errors';

/** What the callback needs to trust the provider's answer, and where to go after it. */
export interface PendingSignIn {
  state: string;
  nonce: string;
  codeVerifier: string;
  returnTo: string;
}

/** Signing in at the provider takes a minute or two; a sign-in begun longer ago starts again. */
export const SIGN_IN_FLOW_SECONDS = 600;

/** The sign-in's own cookie, sent back only to the sign-in addresses. */
const COOKIE = 'clf-oidc-sign-in';
const COOKIE_PATH = OIDC_SIGN_IN_PATH;

/** Longer than any sealed sign-in: not worth decrypting. */
const MAX_SEALED = 2000;

const FIELDS = ['state', 'nonce', 'codeVerifier', 'returnTo'] as const;

const isPendingSignIn = (payload: Record<string, unknown>): boolean =>
  FIELDS.every((field) => typeof payload[field] === 'string');

/**
 * Keeps a sign-in in progress in the browser, encrypted and authenticated (JWE, A256GCM) and
 * expiring, so any replica can finish what another began and nothing is written per visitor.
 * The key comes from the client secret: every replica has it, only the console and its
 * provider know it, and it exists exactly when sign-in with a provider does.
 */
@Injectable()
export class SignInFlowCookie {
  private readonly key: Uint8Array | null;
  private readonly secure: boolean;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    const secret = config.console.oidc?.clientSecret;
    this.key = secret
      ? new Uint8Array(hkdfSync('sha256', secret, '', 'clf console sign-in in progress', 32))
      : null;
    this.secure = config.console.publicUrl.protocol === 'https:';
  }

  /** Gives the browser the sign-in it is about to make at the provider. */
  async keep(response: Response, flow: PendingSignIn): Promise<void> {
    const now = Math.floor(this.clock().getTime() / 1000);
    const sealed = await new EncryptJWT({ ...flow })
      .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
      .setIssuedAt(now)
      .setExpirationTime(now + SIGN_IN_FLOW_SECONDS)
      .encrypt(this.keyOrRefuse());
    response.cookie(COOKIE, sealed, { ...this.options(), maxAge: SIGN_IN_FLOW_SECONDS * 1000 });
  }

  /** The browser's sign-in in progress, if it has a genuine and current one; it is used up. */
  async take(request: Request, response: Response): Promise<PendingSignIn | null> {
    const key = this.keyOrRefuse();
    const sealed = (request.cookies as Record<string, string> | undefined)?.[COOKIE];
    response.clearCookie(COOKIE, this.options());
    if (typeof sealed !== 'string' || sealed.length > MAX_SEALED) return null;
    try {
      const { payload } = await jwtDecrypt(sealed, key, {
        currentDate: this.clock(),
        keyManagementAlgorithms: ['dir'],
        contentEncryptionAlgorithms: ['A256GCM'],
      });
      if (!isPendingSignIn(payload)) return null;
      const { state, nonce, codeVerifier, returnTo } = payload as unknown as PendingSignIn;
      return { state, nonce, codeVerifier, returnTo };
    } catch (error) {
      if (error instanceof errors.JOSEError) return null;
      throw error;
    }
  }

  private keyOrRefuse(): Uint8Array {
    if (!this.key) throw new IdentityProviderNotConfiguredError();
    return this.key;
  }

  private options() {
    return { httpOnly: true, sameSite: 'lax' as const, secure: this.secure, path: COOKIE_PATH };
  }
}
