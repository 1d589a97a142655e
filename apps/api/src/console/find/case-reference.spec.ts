import { readReference } from './case-reference';

const read = (typed: unknown) => readReference(typed, 'DMM', 2026);

describe('a case reference as typed', () => {
  it.each([
    ['DMM-2026-00042', 'DMM-2026-00042'],
    ['  dmm-2026-00042 ', 'DMM-2026-00042'],
    ['Dmm-2026-42', 'DMM-2026-00042'],
    ['dmm 2026 42', 'DMM-2026-00042'],
    ['DMM – 2025 – 123456', 'DMM-2025-123456'],
  ])('reads %j as %s', (typed, reference) => {
    expect(read(typed)).toEqual({ reference });
  });

  it('says when nothing was typed', () => {
    for (const typed of ['', '   ', undefined, ['DMM-2026-00042']])
      expect(read(typed)).toEqual({ error: 'empty', example: 'DMM-2026-00042' });
  });

  it.each(['MAC-2026-00042', 'DMM-26-42', 'DMM-2026-0', 'DMM2026-42', 'DMM-2026-42x', 'x'])(
    'refuses %j, which is no reference of this policy',
    (typed) => {
      expect(read(typed)).toEqual({ error: 'malformed', example: 'DMM-2026-00042' });
    },
  );
});
