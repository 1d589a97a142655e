import type { WorkingDayCalendar } from '#calendar';
import type { Case, CaseEvent, TrackedDeadline } from '#domain';

/**
 * A fact a report counts: in `month` (YYYY-MM, policy time zone), `metric` happened
 * `value` times — or, for `working-days.*` metrics, took `value` working days (reports
 * take their median). Each case carries its own facts, so replaying an event replaces
 * them rather than counting twice.
 */
export interface Fact {
  month: string;
  metric: string;
  value: number;
}

export const monthOf = (calendar: WorkingDayCalendar, instant: string) =>
  calendar.localDateOf(new Date(instant)).slice(0, 7);

const stageKey = (stage: number | null) => (stage === null ? 'feedback' : `stage-${stage}`);

/** Whether a deadline met by this event was met in time. */
function metBy(
  after: Case,
  kind: TrackedDeadline['kind'],
  stage: number | null,
  at: string,
): TrackedDeadline | undefined {
  return after.deadlines.find((d) => d.kind === kind && d.stage === stage && d.metAt === at);
}

function deadlineFacts(
  calendar: WorkingDayCalendar,
  before: Case,
  after: Case,
  kind: TrackedDeadline['kind'],
  stage: number | null,
  at: string,
): Fact[] {
  const wasOpen = before.deadlines.some(
    (d) => d.kind === kind && d.stage === stage && d.metAt === null && d.cancelledAt === null,
  );
  const met = wasOpen ? metBy(after, kind, stage, at) : undefined;
  if (!met) return [];
  const month = monthOf(calendar, at);
  const noun = kind === 'acknowledgement' ? 'acknowledgements' : 'responses';
  const verb = kind === 'acknowledgement' ? 'acknowledge' : 'respond';
  return [
    { month, metric: `${noun}.${stageKey(stage)}.${met.missed ? 'late' : 'on-time'}`, value: 1 },
    {
      month,
      metric: `working-days.${verb}.${stageKey(stage)}`,
      value: calendar.workingDaysBetween(new Date(before.stageEnteredAt), new Date(at)),
    },
  ];
}

/** What one event adds to its case's facts, given the case before and after it. */
export function eventFacts(
  calendar: WorkingDayCalendar,
  event: CaseEvent,
  before: Case | null,
  after: Case,
): Fact[] {
  const month = monthOf(calendar, event.occurredAt);
  switch (event.type) {
    case 'CaseReceived': {
      // As received: a complaint escalated later still arrived informal.
      const facts = [
        { month, metric: `received.kind.${event.data.kind}`, value: 1 },
        { month, metric: `received.channel.${event.data.channel}`, value: 1 },
      ];
      if (event.data.formality)
        facts.push({ month, metric: `received.formality.${event.data.formality}`, value: 1 });
      return facts;
    }
    case 'CaseAcknowledged':
      return deadlineFacts(
        calendar,
        before!,
        after,
        'acknowledgement',
        event.data.stage,
        event.occurredAt,
      );
    case 'CaseResponded':
      return [
        ...deadlineFacts(
          calendar,
          before!,
          after,
          'acknowledgement',
          event.data.stage,
          event.occurredAt,
        ),
        ...deadlineFacts(calendar, before!, after, 'response', event.data.stage, event.occurredAt),
        { month, metric: `outcomes.${event.data.outcome}`, value: 1 },
      ];
    case 'CaseEscalated':
      return [{ month, metric: `escalations.to-stage-${event.data.toStage}`, value: 1 }];
    case 'ExternalReferralRecorded':
      return [{ month, metric: 'external-referrals', value: 1 }];
    case 'CaseClosed':
      return [{ month, metric: `closed.${event.data.reason}`, value: 1 }];
    case 'CaseReopened':
      return [{ month, metric: 'reopened', value: 1 }];
    default:
      return [];
  }
}

/**
 * Facts that follow the case as it is now, dated to its receipt: its categories (themes)
 * and the furthest stage it reached. Recomputed on every event, so a recategorised case
 * moves between themes rather than counting in both.
 */
export function stateFacts(calendar: WorkingDayCalendar, found: Case): Fact[] {
  const month = monthOf(calendar, found.receivedAt);
  const facts: Fact[] = [];
  for (const category of found.categories)
    facts.push({ month, metric: `received.category.${category}`, value: 1 });
  // Stages only ever go up, so where the case is now is the furthest it has gone.
  if (found.stage !== null)
    facts.push({ month, metric: `stage-reached.stage-${found.stage}`, value: 1 });
  return facts;
}

/** Counters summed per metric; `working-days.*` values kept for medians. */
export function totalFacts(rows: Iterable<{ metric: string; value: number }>): {
  totals: Record<string, number>;
  durations: Record<string, number[]>;
} {
  const totals: Record<string, number> = {};
  const durations: Record<string, number[]> = {};
  for (const { metric, value } of rows) {
    if (metric.startsWith('working-days.')) (durations[metric] ??= []).push(value);
    else totals[metric] = (totals[metric] ?? 0) + value;
  }
  return { totals, durations };
}
