/**
 * Hands out case references, sequential per prefix and year (`DMM-2026-00042`), and
 * remembers which case each went to, so a reference read off a letter finds its case.
 */
export interface ReferenceAllocator {
  next(prefix: string, year: number, caseId: string): Promise<string>;
  /** The case a reference was given to, or null if it was never handed out. */
  caseIdOf(reference: string): Promise<string | null>;
}

export function formatReference(prefix: string, year: number, sequence: number): string {
  return `${prefix}-${year}-${String(sequence).padStart(5, '0')}`;
}

/** The parts of a well-formed reference, or null for anything else. */
export function parseReference(
  reference: string,
): { prefix: string; year: number; sequence: number } | null {
  const match = /^([A-Z][A-Z0-9]*)-(\d{4})-(\d{5,})$/.exec(reference);
  if (!match) return null;
  const sequence = Number(match[3]);
  if (!Number.isSafeInteger(sequence) || sequence < 1) return null;
  return { prefix: match[1], year: Number(match[2]), sequence };
}
