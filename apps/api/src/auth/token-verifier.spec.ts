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
      maxLifetimeSeconds: 12 * 3600,
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

describe('how long a token may live', () => {
  const SECRET = 'lifetime-test-secret-that-is-long-enough-0123456789';
  const NOW = Date.parse('2026-11-23T10:00:00Z') / 1000;
  const HOUR = 3600;
  const verifier = createTokenVerifier(
    { algorithm: 'HS256', secret: SECRET, secretFile: '/nowhere', maxLifetimeSeconds: 12 * HOUR },
    () => new Date(NOW * 1000),
  );
  const token = (claims: { iat?: number; exp?: number }) =>
    new SignJWT({ sub: 'u-ann', roles: ['staff'], ...claims })
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new TextEncoder().encode(SECRET));

  it('accepts a token issued now for the configured maximum, or one without iat expiring within it', async () => {
    await expect(
      verifier.verify(await token({ iat: NOW, exp: NOW + 12 * HOUR })),
    ).resolves.toMatchObject({ id: 'u-ann' });
    await expect(verifier.verify(await token({ exp: NOW + 12 * HOUR }))).resolves.toMatchObject({
      id: 'u-ann',
    });
  });

  it('refuses a token issued to live longer than the maximum, even late in its life', async () => {
    const hundredYears = await token({ iat: NOW, exp: NOW + 100 * 365 * 24 * HOUR });
    await expect(verifier.verify(hundredYears)).rejects.toThrow(
      new InvalidTokenError(
        'The token is valid for longer than the 12h this server accepts (from iat to exp): ask for one that expires sooner.',
      ),
    );
    const lateInLife = await token({ iat: NOW - 12 * HOUR, exp: NOW + 1 });
    await expect(verifier.verify(lateInLife)).rejects.toBeInstanceOf(InvalidTokenError);
  });

  it('refuses a token without iat that expires beyond the maximum from now', async () => {
    await expect(verifier.verify(await token({ exp: NOW + 12 * HOUR + 1 }))).rejects.toThrow(
      /longer than the 12h this server accepts \(from now to exp\)/,
    );
  });

  it('refuses a token issued in the future, beyond a minute of clock skew', async () => {
    await expect(
      verifier.verify(await token({ iat: NOW + 60, exp: NOW + HOUR })),
    ).resolves.toMatchObject({ id: 'u-ann' });
    await expect(verifier.verify(await token({ iat: NOW + 61, exp: NOW + HOUR }))).rejects.toThrow(
      new InvalidTokenError(
        'The token’s issue time (iat) is in the future: check the issuer’s clock.',
      ),
    );
  });

  it('refuses a token that never expires', async () => {
    await expect(verifier.verify(await token({ iat: NOW }))).rejects.toThrow(
      new InvalidTokenError('The token has no expiry (exp): tokens must expire.'),
    );
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
      maxLifetimeSeconds: 12 * 3600,
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
