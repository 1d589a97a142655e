/** Hands out case references, sequential per prefix and year: `DMM-2026-00042`. */
export interface ReferenceAllocator {
  next(prefix: string, year: number): Promise<string>;
}

export function formatReference(prefix: string, year: number, sequence: number): string {
  return `${prefix}-${year}-${String(sequence).padStart(5, '0')}`;
}
