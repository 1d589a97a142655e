import { formatReference } from '#event-store';

/** Prefix, year and number, separated by hyphens, spaces or dashes, in any letter case. */
const TYPED_REFERENCE = /^([A-Z][A-Z0-9]*)\s*[-–—\s]\s*(\d{4})\s*[-–—\s]\s*(\d{1,9})$/;

export type ReferenceReading =
  { reference: string } | { error: 'empty' | 'malformed'; example: string };

/**
 * A reference as a person typed it ("dmm-2026-42", " DMM 2026 00042 ") in the form the
 * policy issues it (DMM-2026-00042); an error for anything that cannot be one of its references.
 */
export function readReference(typed: unknown, prefix: string, year: number): ReferenceReading {
  const example = formatReference(prefix, year, 42);
  const text = typeof typed === 'string' ? typed.trim().toUpperCase() : '';
  if (text === '') return { error: 'empty', example };
  const match = TYPED_REFERENCE.exec(text);
  const sequence = Number(match?.[3]);
  if (!match || match[1] !== prefix || sequence < 1) return { error: 'malformed', example };
  return { reference: formatReference(prefix, Number(match[2]), sequence) };
}
