const UNIT_SECONDS = { s: 1, m: 60, h: 3600, d: 86_400 } as const;

/** How a duration is written in settings and on the command line. */
export const DURATION_FORMAT = 'a whole number and s, m, h or d, e.g. 12h';

/** `90s`, `30m`, `8h`, `7d` → seconds; null for anything else, and for zero. */
export function durationSeconds(text: string): number | null {
  const match = /^(\d{1,6})([smhd])$/.exec(text);
  if (!match) return null;
  const seconds = Number(match[1]) * UNIT_SECONDS[match[2] as keyof typeof UNIT_SECONDS];
  return seconds > 0 ? seconds : null;
}

/** Seconds in the largest unit that writes them whole: 43200 → `12h`. */
export function formatDuration(seconds: number): string {
  const [unit, size] = Object.entries(UNIT_SECONDS)
    .reverse()
    .find(([, size]) => seconds % size === 0)!;
  return `${seconds / size}${unit}`;
}
