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

/** The monthly report: what came in, how it was handled, how fast (against the deadlines of docs/policies.md). */
export function monthlyReport(month: string, policyId: string, { totals, durations }: FactTotals) {
  const received = {
    byKind: group(totals, 'received.kind.'),
    byFormality: group(totals, 'received.formality.'),
    byChannel: group(totals, 'received.channel.'),
    byCategory: group(totals, 'received.category.'),
  };
  return {
    month,
    policyId,
    received: { total: sum(received.byKind), ...received },
    closed: { total: sum(group(totals, 'closed.')), byReason: group(totals, 'closed.') },
    acknowledgements: timeliness(totals, 'acknowledgements'),
    responses: timeliness(totals, 'responses'),
    outcomes: group(totals, 'outcomes.'),
    escalations: group(totals, 'escalations.'),
    recordedAfterWindowClosed: group(totals, 'recorded-after-window.'),
    externalReferrals: totals['external-referrals'] ?? 0,
    reopened: totals.reopened ?? 0,
    medianWorkingDays: {
      acknowledge: medians(durations, 'acknowledge'),
      respond: medians(durations, 'respond'),
    },
  };
}

export type MonthlyReport = ReturnType<typeof monthlyReport>;

/** The Board's annual report of formal complaints (DMM 2.2). */
export function annualReport(year: number, policyId: string, { totals, durations }: FactTotals) {
  const acknowledgements = timeliness(totals, 'acknowledgements');
  const responses = timeliness(totals, 'responses');
  return {
    year,
    policyId,
    scope:
      'Formal complaints (received formal, or escalated past local resolution), by the month they were received or acted on.',
    formalComplaintsReceived: totals['received.kind.complaint'] ?? 0,
    outcomes: group(totals, 'outcomes.'),
    stagesReached: group(totals, 'stage-reached.'),
    escalations: group(totals, 'escalations.'),
    recordedAfterWindowClosed: group(totals, 'recorded-after-window.'),
    externalReferrals: totals['external-referrals'] ?? 0,
    closed: group(totals, 'closed.'),
    onTime: {
      acknowledgements: { ...overall(acknowledgements), byStage: acknowledgements },
      responses: { ...overall(responses), byStage: responses },
    },
    medianWorkingDays: {
      acknowledge: medians(durations, 'acknowledge'),
      respond: medians(durations, 'respond'),
    },
  };
}

/** The monthly report flattened to `section,item,value` rows for a spreadsheet. */
export function monthlyReportCsv(report: MonthlyReport): string {
  const rows: Array<[string, string, string]> = [];
  const walk = (path: string[], value: unknown): void => {
    if (value !== null && typeof value === 'object')
      for (const [key, inner] of Object.entries(value)) walk([...path, key], inner);
    else rows.push([path[0], path.slice(1).join('.'), value === null ? '' : String(value)]);
  };
  walk([], report);
  const cell = (raw: string) => {
    // A category typed as "=HYPERLINK(…)" must stay text in a spreadsheet.
    const text = /^[=+\-@\t\r]/.test(raw) ? `'${raw}` : raw;
    return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return (
    ['section,item,value', ...rows.map((row) => row.map(cell).join(','))].join('\r\n') + '\r\n'
  );
}
