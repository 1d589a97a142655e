import { isMonth, monthsBetween, type Month } from '#calendar';
import type { Policy } from '#domain';
import type { FigureFilter } from '#read-models';
import { monthTick } from '../charts/svg-chart';
import {
  capitalised,
  CHANNEL_WORDS,
  CLOSE_REASON_WORDS,
  KIND_WORDS,
  OUTCOME_WORDS,
} from '../rendering/vocabulary';

/** At most this many months behind one figure (five years of reports). */
export const MAX_FIGURE_MONTHS = 60;

/** The longest metric a figure names: a category's name is part of it. */
const MAX_METRIC = 250;

const TIMELINESS_WORDS: Record<string, string> = {
  'on-time': 'on time',
  late: 'late',
  'recorded-late': 'dated in time but recorded after the deadline',
};

/** A period as the worklist's address carries it: `2026-12`, or `2026-01..2026-12`. */
export function readPeriod(text: string): Month[] | null {
  const [from, to = from, ...rest] = text.split('..');
  if (rest.length || !isMonth(from) || !isMonth(to)) return null;
  const months = monthsBetween(from, to);
  return months.length > 0 && months.length <= MAX_FIGURE_MONTHS ? months : null;
}

export const periodOf = (months: readonly Month[]): string =>
  months.length === 1 ? months[0] : `${months[0]}..${months[months.length - 1]}`;

export function readFigure(metric: string, period: string): FigureFilter | null {
  const months = readPeriod(period);
  if (!months || metric.length === 0 || metric.length > MAX_METRIC) return null;
  return { metric, months };
}

/** "Dec 2026", or "Jan 2026 to Dec 2026". */
export function periodInWords(months: readonly Month[]): string {
  const name = (month: Month) => monthTick(month).replace(/ (\d\d)$/, ` ${month.slice(0, 4)}`);
  return months.length === 1
    ? name(months[0])
    : `${name(months[0])} to ${name(months[months.length - 1])}`;
}

/** The name of a stage from its metric part, `stage-2` or `to-stage-2` → the policy's name for stage 2. */
function stageName(part: string, policy: Policy): string | undefined {
  const number = Number(part.replace(/^(to-)?stage-/, ''));
  return policy.complaints.stages.find((stage) => stage.stage === number)?.name;
}

/** A report figure's metric as a person says it: "responses at Formal investigation, late". */
export function figureInWords(metric: string, policy: Policy): string {
  const [section, ...rest] = metric.split('.');
  const stage = rest[0] && stageName(rest[0], policy);
  const detail = rest.slice(stage ? 1 : 0).join('.');
  const say = (words: Record<string, string>) => words[detail] ?? detail;
  switch (section) {
    case 'acknowledgements':
    case 'responses':
      return [section, stage && `at ${stage}`, detail && say(TIMELINESS_WORDS)]
        .filter(Boolean)
        .join(', ')
        .replace(', at', ' at');
    case 'received': {
      const [facet, ...value] = rest;
      const named = value.join('.');
      if (facet === 'kind') return `received: ${KIND_WORDS[named as never] ?? named}s`;
      if (facet === 'channel') return `received by ${CHANNEL_WORDS[named as never] ?? named}`;
      if (facet === 'category') return named ? `received about “${named}”` : 'received';
      if (facet === 'formality') return `received as ${named} complaints`;
      return named ? `received: ${named}` : 'received';
    }
    case 'outcomes':
      return detail ? `responses ${OUTCOME_WORDS[detail as never] ?? detail}` : 'responses';
    case 'closed':
      return detail ? `closed: ${CLOSE_REASON_WORDS[detail as never] ?? detail}` : 'closed';
    case 'stage-reached':
      return stage ? `reaching ${stage}` : 'reaching a stage';
    case 'escalations':
      return stage ? `escalated to ${stage}` : 'escalated';
    case 'external-referrals':
      return 'referred to an external body';
    case 'reopened':
      return 'reopened';
    default:
      return capitalised(metric.replace(/[.-]/g, ' ')).toLowerCase();
  }
}
