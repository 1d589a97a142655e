import type { Policy } from '#domain';
import type { FactTotals } from '#read-models';

/** `{a.b.c: n}` → the entries under a prefix, keyed by the rest: `group(totals, 'received.kind.')`. */
export function group(totals: Record<string, number>, prefix: string): Record<string, number> {
  return Object.fromEntries(
    Object.entries(totals)
      .filter(([metric]) => metric.startsWith(prefix))
      .map(([metric, value]) => [metric.slice(prefix.length), value] as const)
      .sort(([a], [b]) => a.localeCompare(b)),
  );
}

const sum = (values: Record<string, number>) => Object.values(values).reduce((a, b) => a + b, 0);

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export interface Timeliness {
  onTime: number;
  late: number;
  /** Dated before the deadline but recorded after it ended: neither on time nor late. */
  recordedLate: number;
  /** On time as a share of all (recorded late included), 0–1, or null when there were none. */
  onTimeRate: number | null;
}

/** `{stage-1: {onTime, late, recordedLate, onTimeRate}, …}` for acknowledgements or responses. */
export function timeliness(
  totals: Record<string, number>,
  noun: 'acknowledgements' | 'responses',
): Record<string, Timeliness> {
  const stages = new Set(
    Object.keys(group(totals, `${noun}.`)).map((key) => key.slice(0, key.lastIndexOf('.'))),
  );
  return Object.fromEntries(
    [...stages].sort().map((stage) => {
      const onTime = totals[`${noun}.${stage}.on-time`] ?? 0;
      const late = totals[`${noun}.${stage}.late`] ?? 0;
      const recordedLate = totals[`${noun}.${stage}.recorded-late`] ?? 0;
      return [stage, { onTime, late, recordedLate, onTimeRate: rate(onTime, late, recordedLate) }];
    }),
  );
}

function rate(onTime: number, late: number, recordedLate: number): number | null {
  const all = onTime + late + recordedLate;
  return all === 0 ? null : Math.round((onTime / all) * 1000) / 1000;
}

export function overall(byStage: Record<string, Timeliness>): Timeliness {
  const total = (field: 'onTime' | 'late' | 'recordedLate') =>
    Object.values(byStage).reduce((count, stage) => count + stage[field], 0);
  const [onTime, late, recordedLate] = [total('onTime'), total('late'), total('recordedLate')];
  return { onTime, late, recordedLate, onTimeRate: rate(onTime, late, recordedLate) };
}

/** Median working days per stage, from receipt (or the stage's start) to the act. */
function medians(durations: FactTotals['durations'], verb: 'acknowledge' | 'respond') {
  const prefix = `working-days.${verb}.`;
  return Object.fromEntries(
    Object.entries(durations)
      .filter(([metric]) => metric.startsWith(prefix))
      .map(([metric, values]) => [metric.slice(prefix.length), median(values)] as const)
      .sort(([a], [b]) => a.localeCompare(b)),
  );
}

/**
 * The name of each stage key the figures use (`stage-2`: "Formal written complaint"), and
 * `feedback` for compliments and suggestions, which have no stage.
 */
export function stageNames(policy: Policy): Record<string, string> {
  return {
    ...Object.fromEntries(policy.complaints.stages.map((s) => [`stage-${s.stage}`, s.name])),
    feedback: 'Compliments and suggestions',
  };
}

/** One month's figures (or a range's, added up): what came in, how it was handled, how fast. */
export function monthlyFigures({ totals, durations }: FactTotals) {
  const received = {
    byKind: group(totals, 'received.kind.'),
    byFormality: group(totals, 'received.formality.'),
    byChannel: group(totals, 'received.channel.'),
    byCategory: group(totals, 'received.category.'),
  };
  return {
    received: { total: sum(received.byKind), ...received },
    closed: { total: sum(group(totals, 'closed.')), byReason: group(totals, 'closed.') },
    acknowledgements: timeliness(totals, 'acknowledgements'),
    responses: timeliness(totals, 'responses'),
    outcomes: group(totals, 'outcomes.'),
    escalations: group(totals, 'escalations.'),
    /** Deadlines extended, by `<deadline>.<stage key>`, each once (in the month of its first extension). */
    deadlinesExtended: group(totals, 'extensions.'),
    recordedAfterWindowClosed: group(totals, 'recorded-after-window.'),
    externalReferrals: totals['external-referrals'] ?? 0,
    reopened: totals.reopened ?? 0,
    medianWorkingDays: {
      acknowledge: medians(durations, 'acknowledge'),
      respond: medians(durations, 'respond'),
    },
  };
}

export type MonthlyFigures = ReturnType<typeof monthlyFigures>;

/**
 * The monthly report for one month or a run of them (against the deadlines of
 * docs/policies.md): each month's figures, and the whole run's (`total`; its medians are
 * over every act in the run, not a median of medians).
 */
export function monthlyReport(
  policy: Policy,
  months: ReadonlyArray<{ month: string; facts: FactTotals }>,
  whole: FactTotals,
) {
  return {
    from: months[0].month,
    to: months[months.length - 1].month,
    policyId: policy.id,
    stageNames: stageNames(policy),
    months: months.map(({ month, facts }) => ({ month, ...monthlyFigures(facts) })),
    total: monthlyFigures(whole),
  };
}

export type MonthlyReport = ReturnType<typeof monthlyReport>;

const ANNUAL_SCOPE =
  'Formal complaints: received formal, or received informal and later moved past local resolution.';

/** The sentence beside each of the annual report's figures that says what it counts. */
function annualDefinitions(policy: Policy) {
  const external = policy.complaints.stages.find((s) => s.external);
  return {
    formalComplaintsReceived:
      'Formal complaints received in the year, counted in the month they arrived; every figure down to the referrals counts these complaints, each once.',
    finalOutcomes:
      'The outcome of the last response to each complaint received in the year, or no response yet; these add up to the complaints received.',
    furthestStage:
      'The furthest stage each complaint received in the year has reached so far; these add up to the complaints received.',
    referredExternally: external
      ? `Complaints received in the year that were referred to the external body at any time, each once: the same complaints as those whose furthest stage is “${external.name}”.`
      : 'Complaints received in the year that were referred to an external body at any time, each once.',
    onTime:
      'Acknowledgements and responses made in the year to formal complaints, whenever received, against their deadlines; recorded late means dated in time but recorded after the deadline had passed, and counts as not on time.',
    escalations:
      'Moves to a later stage made in the year, whenever the complaint was received; a complaint moved twice counts twice.',
    closed: 'Formal complaints closed in the year, by the reason given, whenever received.',
    themes:
      'The categories of the complaints received in the year; a complaint may have several categories, or none, so these need not add up to the complaints received.',
    recordedAfterWindowClosed:
      'Requests and letters dated inside a window but recorded after it closed (accepted by a senior manager), in the year.',
    medianWorkingDays:
      'The middle number of working days from receipt (or the start of the stage) to the acknowledgement or response, over those made in the year.',
  };
}

/**
 * The Board's annual report of formal complaints (DMM 2.2). What the complaints came to
 * (outcome, furthest stage, referral, categories) is counted per complaint received in the
 * year, so those totals reconcile; how they were handled (on time, moves, closures) per
 * act made in the year. The facts say which: the first kind are dated to the case's
 * receipt, the second to the act, so one query over the year's months gives both.
 */
export function annualReport(year: number, policy: Policy, { totals, durations }: FactTotals) {
  const acknowledgements = timeliness(totals, 'acknowledgements');
  const responses = timeliness(totals, 'responses');
  return {
    year,
    policyId: policy.id,
    scope: ANNUAL_SCOPE,
    stageNames: stageNames(policy),
    formalComplaintsReceived: totals['received.kind.complaint'] ?? 0,
    finalOutcomes: group(totals, 'final-outcome.'),
    furthestStage: group(totals, 'stage-reached.'),
    referredExternally: totals['referred-externally'] ?? 0,
    onTime: {
      acknowledgements: { ...overall(acknowledgements), byStage: acknowledgements },
      responses: { ...overall(responses), byStage: responses },
    },
    escalations: group(totals, 'escalations.'),
    closed: group(totals, 'closed.'),
    themes: group(totals, 'received.category.'),
    recordedAfterWindowClosed: group(totals, 'recorded-after-window.'),
    medianWorkingDays: {
      acknowledge: medians(durations, 'acknowledge'),
      respond: medians(durations, 'respond'),
    },
    definitions: annualDefinitions(policy),
  };
}

export type AnnualReport = ReturnType<typeof annualReport>;

/** Cases per category per month, the busiest category first. */
export function themesReport(
  months: readonly string[],
  rows: ReadonlyArray<{ month: string; category: string; count: number }>,
) {
  const byCategory = new Map<string, Map<string, number>>();
  for (const { month, category, count } of rows) {
    const counts = byCategory.get(category) ?? new Map<string, number>();
    counts.set(month, (counts.get(month) ?? 0) + count);
    byCategory.set(category, counts);
  }
  const categories = [...byCategory.entries()].map(([category, counts]) => ({
    category,
    total: [...counts.values()].reduce((a, b) => a + b, 0),
    byMonth: Object.fromEntries(months.map((month) => [month, counts.get(month) ?? 0])),
  }));
  categories.sort((x, y) => y.total - x.total || x.category.localeCompare(y.category));
  return { from: months[0], to: months[months.length - 1], months: [...months], categories };
}

export type ThemesReport = ReturnType<typeof themesReport>;
