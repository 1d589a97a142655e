import { randomUUID } from 'node:crypto';
import type { ReferenceAllocator } from '../reference/reference-allocator.port';

const prefix = () => `T${Math.random().toString(36).slice(2, 8).toUpperCase()}`;

/** Sequential per prefix and year, unique however many allocations race, and looked up again. */
export function referenceAllocatorContract(
  open: () => Promise<{ allocator: ReferenceAllocator; close(): Promise<void> }>,
): void {
  let subject: { allocator: ReferenceAllocator; close(): Promise<void> };
  beforeEach(async () => (subject = await open()));
  afterEach(() => subject.close());
  const next = (p: string, year: number) => subject.allocator.next(p, year, randomUUID());

  it('numbers each prefix and year from 00001, separately', async () => {
    const p = prefix();
    expect(await next(p, 2026)).toBe(`${p}-2026-00001`);
    expect(await next(p, 2026)).toBe(`${p}-2026-00002`);
    expect(await next(p, 2027)).toBe(`${p}-2027-00001`);
    expect(await next(`${p}X`, 2026)).toBe(`${p}X-2026-00001`);
  });

  it('gives 200 concurrent allocations 200 different, consecutive numbers', async () => {
    const p = prefix();
    const references = await Promise.all(Array.from({ length: 200 }, () => next(p, 2026)));
    expect(new Set(references).size).toBe(200);
    expect(references.map((r) => Number(r.slice(-5))).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 200 }, (_, i) => i + 1),
    );
    // 200 durable appends racing for one counter stream: seconds on a busy CI machine.
  }, 30_000);

  it('finds the case each reference was given to', async () => {
    const p = prefix();
    const cases = Array.from({ length: 20 }, () => randomUUID());
    const references = await Promise.all(cases.map((id) => subject.allocator.next(p, 2026, id)));
    for (const [i, reference] of references.entries()) {
      expect(await subject.allocator.caseIdOf(reference)).toBe(cases[i]);
    }
  });

  it('finds nothing for a reference never handed out, or not a reference at all', async () => {
    const p = prefix();
    await next(p, 2026);
    expect(await subject.allocator.caseIdOf(`${p}-2026-00002`)).toBeNull();
    expect(await subject.allocator.caseIdOf(`${p}-2025-00001`)).toBeNull();
    expect(await subject.allocator.caseIdOf('not a reference')).toBeNull();
    expect(await subject.allocator.caseIdOf(`${p}-2026-00000`)).toBeNull();
  });
}
