import type { Request, Response } from 'express';
import { loadConfig } from '../../config/app-config';
import { IdentityProviderNotConfiguredError } from './oidc.errors';
import { SignInFlowCookie, type PendingSignIn } from './sign-in-flow-cookie';

const provider = {
  CLF_PUBLIC_URL: 'https://feedback.example.ac.uk',
  CLF_OIDC_ISSUER: 'https://login.example',
  CLF_OIDC_CLIENT_ID: 'clf-console',
  CLF_OIDC_CLIENT_SECRET: 'the-client-secret',
};

const flow: PendingSignIn = {
  state: 'the-state',
  nonce: 'the-nonce',
  codeVerifier: 'the-code-verifier',
  returnTo: '/cases/DMM-2026-00042',
};

/** A browser's cookie jar, as much of one as the cookie needs. */
class Jar {
  readonly cookies: Record<string, string> = {};
  readonly set: { name: string; options: Record<string, unknown> }[] = [];
  readonly response = {
    cookie: (name: string, value: string, options: Record<string, unknown>) => {
      this.cookies[name] = value;
      this.set.push({ name, options });
    },
    clearCookie: (name: string) => delete this.cookies[name],
  } as unknown as Response;
  request = () => ({ cookies: { ...this.cookies } }) as unknown as Request;
}

describe('the cookie holding a sign-in in progress', () => {
  let now: Date;
  const cookies = (env: NodeJS.ProcessEnv = provider) =>
    new SignInFlowCookie(loadConfig(env), () => now);
  beforeEach(() => (now = new Date('2026-12-07T09:00:00Z')));

  it('gives back the sign-in it was given, once', async () => {
    const jar = new Jar();
    await cookies().keep(jar.response, flow);
    expect(jar.set[0]!.options).toMatchObject({
      httpOnly: true,
      sameSite: 'lax',
      secure: true,
      path: '/sign-in/oidc',
      maxAge: 600_000,
    });
    expect(JSON.stringify(jar.cookies)).not.toContain('the-code-verifier');
    const request = jar.request();
    expect(await cookies().take(request, jar.response)).toEqual(flow);
    expect(await cookies().take(jar.request(), jar.response)).toBeNull();
  });

  it('refuses a sign-in begun more than ten minutes ago', async () => {
    const jar = new Jar();
    await cookies().keep(jar.response, flow);
    now = new Date('2026-12-07T09:10:01Z');
    expect(await cookies().take(jar.request(), jar.response)).toBeNull();
  });

  it('refuses a changed cookie, one sealed with another secret, and rubbish', async () => {
    const jar = new Jar();
    await cookies().keep(jar.response, flow);
    const sealed = Object.values(jar.cookies)[0]!;
    const name = Object.keys(jar.cookies)[0]!;
    const changed = `${sealed.slice(0, -3)}${sealed.endsWith('AAA') ? 'BBB' : 'AAA'}`;
    const other = new Jar();
    await cookies({ ...provider, CLF_OIDC_CLIENT_SECRET: 'another-secret' }).keep(
      other.response,
      flow,
    );
    for (const value of [changed, Object.values(other.cookies)[0]!, 'rubbish', 'x'.repeat(5000)]) {
      const request = { cookies: { [name]: value } } as unknown as Request;
      expect(await cookies().take(request, jar.response)).toBeNull();
    }
  });

  it('does not exist without an identity provider', async () => {
    await expect(cookies({}).keep(new Jar().response, flow)).rejects.toBeInstanceOf(
      IdentityProviderNotConfiguredError,
    );
  });
});
