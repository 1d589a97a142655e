import { digestBanner } from './digest-setting';

describe('the daily digest setting’s banner', () => {
  it('says which way the digest was turned, and nothing for anything else', () => {
    expect(digestBanner('on')?.text).toMatch(/will get the daily digest/);
    expect(digestBanner('off')?.text).toMatch(/no longer get/);
    expect(digestBanner('<script>')).toBeUndefined();
  });
});
