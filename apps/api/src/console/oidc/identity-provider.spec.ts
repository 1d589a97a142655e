import { createHash } from 'node:crypto';
import {
  startOidcProvider,
  unusedLoopbackPort,
  type TestOidcProvider,
} from '../../../../../test/support/oidc-provider';
import { loadConfig } from '../../config/app-config';
import { IdentityProvider } from './identity-provider';
import {
  IdentityProviderNotConfiguredError,
  IdentityProviderUnavailableError,
  SignInNotCompletedError,
} from './oidc.errors';

const PUBLIC_URL = 'https://feedback.example.ac.uk';
const CALLBACK = `${PUBLIC_URL}/sign-in/oidc/callback`;

const identityProvider = (issuer: string, clientSecret = 'a-secret') =>
  new IdentityProvider(
    loadConfig({
      CLF_PUBLIC_URL: PUBLIC_URL,
      CLF_OIDC_ISSUER: issuer,
      CLF_OIDC_CLIENT_ID: 'clf-console',
      CLF_OIDC_CLIENT_SECRET: clientSecret,
    }),
  );

describe('the organisation’s identity provider, through openid-client', () => {
  let provider: TestOidcProvider;
  beforeAll(async () => {
    provider = await startOidcProvider(CALLBACK);
    provider.addAccount({ login: 'ann', email: 'ann@college.example', emailVerified: true });
  });
  afterAll(() => provider.close());

  it('sends the browser to the provider for a code, with PKCE, state and nonce', async () => {
    const { address, flow } = await identityProvider(provider.issuer).begin('/account');
    expect(address.origin).toBe(provider.issuer);
    const asked = Object.fromEntries(address.searchParams);
    expect(asked).toMatchObject({
      response_type: 'code',
      client_id: 'clf-console',
      redirect_uri: CALLBACK,
      scope: 'openid email',
      state: flow.state,
      nonce: flow.nonce,
      code_challenge_method: 'S256',
      code_challenge: createHash('sha256').update(flow.codeVerifier).digest('base64url'),
    });
    expect(flow.returnTo).toBe('/account');
    const another = await identityProvider(provider.issuer).begin('/account');
    expect(another.flow.state).not.toBe(flow.state);
  });

  it('gives the verified claims of the person the provider signed in', async () => {
    const idp = identityProvider(provider.issuer, provider.clientSecret);
    const { address, flow } = await idp.begin('/');
    const back = await provider.signIn(address.href, 'ann');
    expect(await idp.finish(back.search.slice(1), flow)).toMatchObject({
      sub: 'ann',
      email: 'ann@college.example',
      email_verified: true,
    });
  });

  it('refuses an answer to another sign-in, and a client the provider does not know by that secret', async () => {
    const idp = identityProvider(provider.issuer, provider.clientSecret);
    const first = await idp.begin('/');
    const second = await idp.begin('/');
    const back = await provider.signIn(first.address.href, 'ann');
    await expect(idp.finish(back.search.slice(1), second.flow)).rejects.toBeInstanceOf(
      SignInNotCompletedError,
    );
    const impostor = identityProvider(provider.issuer, 'not-the-secret');
    const started = await impostor.begin('/');
    const answer = await provider.signIn(started.address.href, 'ann');
    await expect(impostor.finish(answer.search.slice(1), started.flow)).rejects.toBeInstanceOf(
      SignInNotCompletedError,
    );
  });
});

describe('a provider that is not there', () => {
  it('is unavailable, and is asked again on the next sign-in', async () => {
    const port = await unusedLoopbackPort();
    const idp = identityProvider(`http://127.0.0.1:${port}`);
    await expect(idp.begin('/')).rejects.toBeInstanceOf(IdentityProviderUnavailableError);
    const provider = await startOidcProvider(CALLBACK, { port });
    try {
      expect((await idp.begin('/')).address.origin).toBe(provider.issuer);
    } finally {
      await provider.close();
    }
  });

  it('is not configured at all: there is no such sign-in', async () => {
    await expect(new IdentityProvider(loadConfig({})).begin('/')).rejects.toBeInstanceOf(
      IdentityProviderNotConfiguredError,
    );
  });
});
