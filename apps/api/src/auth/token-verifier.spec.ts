import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import {
  actorFromClaims,
  createTokenVerifier,
  IdentityProviderUnavailableError,
  InvalidTokenError,
} from './token-verifier';

const inAnHour = () => Math.floor(Date.now() / 1000) + 3600;

describe('RS256 tokens checked against the identity provider’s key set', () => {
  let server: Server;
  let privateKey: CryptoKey;
  let jwksUrl: string;

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    privateKey = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    server = createServer((_, response) => {
      response.setHeader('Content-Type', 'application/json');
      response.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const verifier = () =>
    createTokenVerifier({
      algorithm: 'RS256',
      jwksUrl,
      issuer: 'https://login.example',
      audience: 'clf',
    });
  const token = (
    claims: Record<string, unknown>,
    key: CryptoKey | Uint8Array = privateKey,
    alg = 'RS256',
  ) =>
    new SignJWT({
      roles: ['auditor'],
      name: 'Ann Lee',
      sub: 'u-ann',
      iss: 'https://login.example',
      aud: 'clf',
      exp: inAnHour(),
      ...claims,
    })
      .setProtectedHeader({ alg, kid: 'k1' })
      .sign(key);

  it('accepts a token from the provider, for this audience', async () => {
    expect(await verifier().verify(await token({}))).toEqual({
      id: 'u-ann',
      name: 'Ann Lee',
      roles: ['auditor'],
    });
  });

  it.each([
    ['another issuer', { iss: 'https://evil.example' }],
    ['another audience', { aud: 'payroll' }],
  ])('refuses a token for %s', async (_, claims) => {
    await expect(verifier().verify(await token(claims))).rejects.toBeInstanceOf(InvalidTokenError);
  });

  it('refuses a token signed with a key that is not in the set', async () => {
    const stranger = await generateKeyPair('RS256');
    await expect(verifier().verify(await token({}, stranger.privateKey))).rejects.toThrow(
      /signature/,
    );
  });

  it('refuses an HS256 token, whatever secret it was signed with (no algorithm confusion)', async () => {
    const hs = await token({}, new TextEncoder().encode('x'.repeat(32)), 'HS256');
    await expect(verifier().verify(hs)).rejects.toThrow(/algorithm/);
  });
});

describe('an identity provider that cannot be reached', () => {
  it('is a 503-kind failure, not a bad token', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const verifier = createTokenVerifier({
      algorithm: 'RS256',
      jwksUrl: `http://127.0.0.1:${port}/jwks.json`,
      issuer: 'https://login.example',
      audience: 'clf',
    });
    const { privateKey } = await generateKeyPair('RS256');
    const token = await new SignJWT({ sub: 'u', exp: inAnHour() })
      .setProtectedHeader({ alg: 'RS256' })
      .sign(privateKey);
    await expect(verifier.verify(token)).rejects.toBeInstanceOf(IdentityProviderUnavailableError);
  });
});

describe('claims → the caller', () => {
  it('keeps the roles this system knows, once each, and falls back to the subject for a name', () => {
    expect(actorFromClaims({ sub: 'u1', roles: ['staff', 'wizard', 'staff'] })).toEqual({
      id: 'u1',
      name: 'u1',
      roles: ['staff'],
    });
  });

  it('refuses a token with no subject, or roles that are not a list', () => {
    expect(() => actorFromClaims({ roles: ['staff'] })).toThrow(InvalidTokenError);
    expect(() => actorFromClaims({ sub: 'u1', roles: 'staff' })).toThrow(InvalidTokenError);
  });
});
