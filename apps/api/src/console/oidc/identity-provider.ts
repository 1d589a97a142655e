import { Inject, Injectable, Logger } from '@nestjs/common';
import * as oidc from 'openid-client';
import { APP_CONFIG, isLoopback, type AppConfig, type OidcSettings } from '../../config/app-config';
import { OIDC_CALLBACK_PATH } from './oidc-addresses';
import {
  IdentityProviderNotConfiguredError,
  IdentityProviderUnavailableError,
  SignInNotCompletedError,
} from './oidc.errors';
import type { PendingSignIn } from './sign-in-flow-cookie';

/** The console needs to know who someone is and their e-mail address: nothing more. */
const SCOPE = 'openid email';

/** A provider that has not answered by then is not going to: the person gets the 503 page. */
const REQUEST_TIMEOUT_SECONDS = 10;

/** openid-client's codes for a provider that did not answer, or not as a provider does. */
const UNAVAILABLE = new Set(['OAUTH_TIMEOUT', 'OAUTH_ABORT', 'OAUTH_RESPONSE_IS_NOT_CONFORM']);

/** Node's fetch when nothing answered: a `TypeError`, told apart by its name and words (not `instanceof`: it can come from another realm). */
const isFetchFailure = (error: unknown) => {
  const { name, message } = (error ?? {}) as { name?: unknown; message?: unknown };
  return name === 'TypeError' && message === 'fetch failed';
};

/** A request that nothing answered, that timed out, or that met a server error. */
const isUnavailable = (error: unknown): boolean =>
  isFetchFailure(error) ||
  (error instanceof oidc.ClientError &&
    (UNAVAILABLE.has(error.code ?? '') || isFetchFailure(error.cause)));

/**
 * The organisation's OpenID provider, through `openid-client`: the authorisation code flow
 * with PKCE, state and nonce. Its discovery document is fetched when first needed and kept;
 * a provider that cannot be reached is asked again on the next sign-in.
 */
@Injectable()
export class IdentityProvider {
  private readonly logger = new Logger('Sign-in');
  private readonly settings: OidcSettings | null;
  private readonly callback: URL;
  private discovered: Promise<oidc.Configuration> | undefined;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.settings = config.console.oidc;
    this.callback = new URL(OIDC_CALLBACK_PATH, config.console.publicUrl);
  }

  /** Where to send the browser to sign in, and what its answer must match to be trusted. */
  async begin(returnTo: string): Promise<{ address: URL; flow: PendingSignIn }> {
    const configuration = await this.configuration();
    const flow = {
      state: oidc.randomState(),
      nonce: oidc.randomNonce(),
      codeVerifier: oidc.randomPKCECodeVerifier(),
      returnTo,
    };
    const address = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: this.callback.href,
      scope: SCOPE,
      state: flow.state,
      nonce: flow.nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(flow.codeVerifier),
      code_challenge_method: 'S256',
    });
    return { address, flow };
  }

  /**
   * Checks the provider's answer (`?code=…&state=…` on the callback) against the sign-in
   * this browser began, exchanges the code, checks the ID token, and gives what the
   * provider says about the person: the ID token's claims, or its UserInfo if the ID token
   * has no e-mail address.
   */
  async finish(callbackQuery: string, flow: PendingSignIn): Promise<Record<string, unknown>> {
    const configuration = await this.configuration();
    const answer = new URL(this.callback);
    answer.search = callbackQuery;
    try {
      const tokens = await oidc.authorizationCodeGrant(configuration, answer, {
        pkceCodeVerifier: flow.codeVerifier,
        expectedState: flow.state,
        expectedNonce: flow.nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims()!;
      if (claims.email !== undefined || !configuration.serverMetadata().userinfo_endpoint)
        return { ...claims };
      // A provider keeping to the letter of OpenID Connect gives the e-mail address at its
      // UserInfo endpoint rather than in the ID token of a code flow.
      return { ...(await oidc.fetchUserInfo(configuration, tokens.access_token, claims.sub)) };
    } catch (error) {
      if (isUnavailable(error)) {
        this.logger.error({ msg: 'identity provider unavailable', error: String(error) });
        throw new IdentityProviderUnavailableError();
      }
      this.logger.warn({ msg: 'identity provider sign-in not completed', error: String(error) });
      throw new SignInNotCompletedError();
    }
  }

  private configuration(): Promise<oidc.Configuration> {
    const settings = this.settings;
    if (!settings) throw new IdentityProviderNotConfiguredError();
    this.discovered ??= this.discover(settings).catch((error: unknown) => {
      this.discovered = undefined;
      this.logger.error({
        msg: 'identity provider discovery failed',
        issuer: settings.issuer.href,
        error: String(error),
      });
      throw new IdentityProviderUnavailableError();
    });
    return this.discovered;
  }

  private discover({ issuer, clientId, clientSecret }: OidcSettings): Promise<oidc.Configuration> {
    // Plain http only to a provider on this machine (configuration refuses it elsewhere).
    const insecure = issuer.protocol === 'http:' && isLoopback(issuer);
    return oidc.discovery(issuer, clientId, undefined, oidc.ClientSecretBasic(clientSecret), {
      timeout: REQUEST_TIMEOUT_SECONDS,
      execute: insecure ? [oidc.allowInsecureRequests] : [],
    });
  }
}
