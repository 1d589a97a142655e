/**
 * A moment as a person types it into the history page's inputs: `typedMoment('asOf',
 * '22 12 2026', '4:05pm')` gives `asOf-day`, `asOf-month`, `asOf-year` and `asOf-time`.
 */
export function typedMoment(name: string, date: string, time: string): Record<string, string> {
  const [day, month, year] = date.split(' ');
  return {
    [`${name}-day`]: day,
    [`${name}-month`]: month,
    [`${name}-year`]: year,
    [`${name}-time`]: time,
  };
}

/** The query of the history page's address with these moments typed in. */
export const momentsQuery = (...moments: Array<Record<string, string>>) =>
  `?${new URLSearchParams(Object.assign({}, ...moments)).toString()}`;
