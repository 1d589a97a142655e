import type { ReferenceAllocator } from '../reference/reference-allocator.port';

const prefix = () => `T${Math.random().toString(36).slice(2, 8).toUpperCase()}`;

/** Sequential per prefix and year, and unique however many allocations race. */
export function referenceAllocatorContract(
  open: () => Promise<{ allocator: ReferenceAllocator; close(): Promise<void> }>,
): void {
  let subject: { allocator: ReferenceAllocator; close(): Promise<void> };
  beforeEach(async () => (subject = await open()));
  afterEach(() => subject.close());

  it('numbers each prefix and year from 00001, separately', async () => {
    const p = prefix();
    expect(await subject.allocator.next(p, 2026)).toBe(`${p}-2026-00001`);
    expect(await subject.allocator.next(p, 2026)).toBe(`${p}-2026-00002`);
    expect(await subject.allocator.next(p, 2027)).toBe(`${p}-2027-00001`);
    expect(await subject.allocator.next(`${p}X`, 2026)).toBe(`${p}X-2026-00001`);
  });

  it('gives 200 concurrent allocations 200 different, consecutive numbers', async () => {
    const p = prefix();
    const references = await Promise.all(
      Array.from({ length: 200 }, () => subject.allocator.next(p, 2026)),
    );
    expect(new Set(references).size).toBe(200);
    expect(references.map((r) => Number(r.slice(-5))).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 200 }, (_, i) => i + 1),
    );
  });
}
