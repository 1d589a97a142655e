import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { masterKeyFromFile, parseMasterKey } from './master-key';

describe('the master key', () => {
  it('is read as 64 hex digits or as 32 bytes of base64, and nothing else', () => {
    const hex = 'ab'.repeat(32);
    expect(parseMasterKey(hex)).toEqual(Buffer.alloc(32, 0xab));
    expect(parseMasterKey(Buffer.alloc(32, 7).toString('base64'))).toEqual(Buffer.alloc(32, 7));
    expect(parseMasterKey(`  ${hex}\n`)).toEqual(Buffer.alloc(32, 0xab));
    expect(parseMasterKey('ab'.repeat(31))).toBeNull();
    expect(parseMasterKey(Buffer.alloc(16).toString('base64'))).toBeNull();
    expect(parseMasterKey('secret')).toBeNull();
  });

  it('is generated once into a file only its owner can read, and read back after', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'clf-master-')), 'data', 'master.key');
    const key = masterKeyFromFile(file);
    expect(key).toHaveLength(32);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(masterKeyFromFile(file)).toEqual(key);
    expect(readFileSync(file, 'utf8').trim()).toBe(key.toString('hex'));
  });

  it('refuses a file that holds something else, naming it', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'clf-master-')), 'master.key');
    writeFileSync(file, 'not a key');
    expect(() => masterKeyFromFile(file)).toThrow(`${file} does not hold a master key`);
  });
});
