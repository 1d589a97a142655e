import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hs256Secret } from './jwt-secret';

describe('the HS256 secret', () => {
  it('is generated once into the data directory, readable by its owner only, and reused', () => {
    const secretFile = join(mkdtempSync(join(tmpdir(), 'clf-secret-')), 'data', 'jwt-secret');
    const first = hs256Secret({ algorithm: 'HS256', secret: null, secretFile });
    expect(first.length).toBeGreaterThanOrEqual(64);
    expect(statSync(secretFile).mode & 0o777).toBe(0o600);
    expect(hs256Secret({ algorithm: 'HS256', secret: null, secretFile })).toBe(first);
  });

  it('is CLF_JWT_SECRET when set, and then nothing is written', () => {
    const secretFile = join(mkdtempSync(join(tmpdir(), 'clf-secret-')), 'jwt-secret');
    expect(hs256Secret({ algorithm: 'HS256', secret: 's'.repeat(40), secretFile })).toBe(
      's'.repeat(40),
    );
    expect(() => statSync(secretFile)).toThrow();
  });
});
