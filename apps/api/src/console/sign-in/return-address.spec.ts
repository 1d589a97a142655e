import { safeReturnAddress } from './return-address';

describe('where signing in returns to', () => {
  it('goes back to a page of the console', () => {
    expect(safeReturnAddress('/cases/DMM-2026-00042')).toBe('/cases/DMM-2026-00042');
    expect(safeReturnAddress('/?tab=overdue&kind=complaint')).toBe('/?tab=overdue&kind=complaint');
  });

  it('never leaves the console, however the address is dressed up', () => {
    for (const elsewhere of [
      'https://evil.example',
      '//evil.example',
      '/\\evil.example',
      '/\tevil',
      'javascript:alert(1)',
      '',
      undefined,
      ['/a', '/b'],
    ])
      expect(safeReturnAddress(elsewhere)).toBe('/');
  });
});
