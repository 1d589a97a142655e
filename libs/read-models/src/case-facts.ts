import type { WorkingDayCalendar } from '#calendar';
import { isOpenDeadline, type Case, type CaseEvent, type TrackedDeadline } from '#domain';

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

const DAY_MS = 86_400_000;

/** Where the local days around one UTC date end, and their dates. */
interface DayBounds {
  /** The last instant of the local day before the UTC date, and of the local day on it. */
  endOfPrevious: number;
  endOfSame: number;
  dates: [previous: string, same: string, next: string];
}

/**
 * Local dates of instants, found the way `calendar.localDateOf` finds them (the UTC date
 * or a neighbour, by where those local days end) but with each UTC date's bounds worked
 * out once; and working days between two dates, counted once per pair. A rebuild asks
 * for these for every event: a few hundred thousand times over a few hundred dates.
 */
class LocalDays {
  private readonly days = new Map<number, DayBounds>();
  private readonly workingDays = new Map<string, number>();

  constructor(private readonly calendar: WorkingDayCalendar) {}

  dateOf(instant: string): string {
    const time = Date.parse(instant);
    if (!Number.isFinite(time)) return this.calendar.localDateOf(new Date(instant));
    const day = Math.floor(time / DAY_MS);
    let bounds = this.days.get(day);
    if (!bounds) {
      if (this.days.size >= 10_000) this.days.clear();
      bounds = this.boundsOf(day);
      this.days.set(day, bounds);
    }
    if (time > bounds.endOfSame) return bounds.dates[2];
    return time > bounds.endOfPrevious ? bounds.dates[1] : bounds.dates[0];
  }

  /** `calendar.workingDaysBetween`, which depends only on the two local dates. */
  workingDaysBetween(from: string, to: string): number {
    const key = `${this.dateOf(from)}|${this.dateOf(to)}`;
    let count = this.workingDays.get(key);
    if (count === undefined) {
      if (this.workingDays.size >= 100_000) this.workingDays.clear();
      count = this.calendar.workingDaysBetween(new Date(from), new Date(to));
      this.workingDays.set(key, count);
    }
    return count;
  }

  private boundsOf(day: number): DayBounds {
    const [previous, same, next] = [day - 1, day, day + 1].map((n) =>
      new Date(n * DAY_MS).toISOString().slice(0, 10),
    );
    return {
      endOfPrevious: this.calendar.endOfDay(previous).getTime(),
      endOfSame: this.calendar.endOfDay(same).getTime(),
      dates: [previous, same, next],
    };
  }
}

const localDays = new WeakMap<WorkingDayCalendar, LocalDays>();

function localDaysOf(calendar: WorkingDayCalendar): LocalDays {
  let days = localDays.get(calendar);
  if (!days) {
    days = new LocalDays(calendar);
    localDays.set(calendar, days);
  }
  return days;
}

/** The month (YYYY-MM) an instant falls in, in the calendar's time zone. */
export const monthOf = (calendar: WorkingDayCalendar, instant: string): string =>
  localDaysOf(calendar).dateOf(instant).slice(0, 7);

/** Working days from one instant's local date to another's (see `calendar.workingDaysBetween`). */
export const workingDaysBetween = (calendar: WorkingDayCalendar, from: string, to: string) =>
  localDaysOf(calendar).workingDaysBetween(from, to);

const stageKey = (stage: number | null) => (stage === null ? 'feedback' : `stage-${stage}`);

/** Acts recorded after the deadline they claim to meet count neither on time nor late. */
const timelinessOf = (met: TrackedDeadline) =>
  met.recordedLate ? 'recorded-late' : met.missed ? 'late' : 'on-time';

/** The deadline this event met, if it met one. */
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
    (d) => d.kind === kind && d.stage === stage && isOpenDeadline(d),
  );
  const met = wasOpen ? metBy(after, kind, stage, at) : undefined;
  if (!met) return [];
  const month = monthOf(calendar, at);
  const noun = kind === 'acknowledgement' ? 'acknowledgements' : 'responses';
  const verb = kind === 'acknowledgement' ? 'acknowledge' : 'respond';
  return [
    { month, metric: `${noun}.${stageKey(stage)}.${timelinessOf(met)}`, value: 1 },
    {
      month,
      metric: `working-days.${verb}.${stageKey(stage)}`,
      value: workingDaysBetween(calendar, before.stageEnteredAt, at),
    },
  ];
}

/** Acts dated inside a window but recorded after it closed (a senior manager's), counted apart. */
const recordedAfterWindow = (
  month: string,
  event: { data: { recordedAfterWindowClosed?: true } },
  act: 'escalation' | 'correspondence',
): Fact[] =>
  event.data.recordedAfterWindowClosed
    ? [{ month, metric: `recorded-after-window.${act}`, value: 1 }]
    : [];

/**
 * Deadlines extended, counted apart by kind and stage in the month of their first
 * extension: a deadline extended twice is one extended deadline.
 */
function firstExtension(
  month: string,
  { data }: Extract<CaseEvent, { type: 'DeadlineExtended' }>,
  before: Case | null,
): Fact[] {
  const extended = before?.deadlines.find(
    (d) => d.kind === data.deadline && d.stage === data.stage && d.dueBy === data.previousDueBy,
  );
  if (extended === undefined || extended.extensions.length > 0) return [];
  return [{ month, metric: `extensions.${data.deadline}.${stageKey(data.stage)}`, value: 1 }];
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
        ...learningPoint(month, event),
      ];
    case 'CaseEscalated':
      return [
        { month, metric: `escalations.to-stage-${event.data.toStage}`, value: 1 },
        ...recordedAfterWindow(month, event, 'escalation'),
      ];
    case 'DeadlineExtended':
      return firstExtension(month, event, before);
    case 'CorrespondenceReceived':
      return recordedAfterWindow(month, event, 'correspondence');
    case 'ExternalReferralRecorded':
      return [{ month, metric: 'external-referrals', value: 1 }];
    case 'CaseClosed':
      return [
        { month, metric: `closed.${event.data.reason}`, value: 1 },
        ...learningPoint(month, event),
      ];
    case 'CaseReopened':
      return [{ month, metric: 'reopened', value: 1 }];
    default:
      return [];
  }
}

const OUTCOME_OF_RESPONSE = 'outcomes.';

/**
 * Facts that follow the case as it is now, dated to its receipt, so each case counts once
 * in each: its categories (themes), the furthest stage it reached, the outcome of its last
 * response, and whether it was ever referred to the external body. Recomputed on every
 * event, so a recategorised case moves between themes rather than counting in both.
 */
export function stateFacts(
  calendar: WorkingDayCalendar,
  found: Case,
  byEvents: readonly Fact[],
): Fact[] {
  const month = monthOf(calendar, found.receivedAt);
  const facts: Fact[] = [];
  for (const category of found.categories)
    facts.push({ month, metric: `received.category.${category}`, value: 1 });
  // Stages only ever go up, so where the case is now is the furthest it has gone.
  if (found.stage !== null)
    facts.push({ month, metric: `stage-reached.stage-${found.stage}`, value: 1 });
  const lastResponse = byEvents.findLast((fact) => fact.metric.startsWith(OUTCOME_OF_RESPONSE));
  const outcome = lastResponse?.metric.slice(OUTCOME_OF_RESPONSE.length) ?? 'no-response';
  facts.push({ month, metric: `final-outcome.${outcome}`, value: 1 });
  if (found.externalReferral) facts.push({ month, metric: 'referred-externally', value: 1 });
  return facts;
}

/**
 * Counters summed per metric; `working-days.*` values kept for medians, in ascending
 * order — the same whatever order a store's query plan happened to read the rows in. A
 * row with a `count` stands for that many facts alike.
 */
export function totalFacts(rows: Iterable<{ metric: string; value: number; count?: number }>): {
  totals: Record<string, number>;
  durations: Record<string, number[]>;
} {
  const totals: Record<string, number> = {};
  const durations: Record<string, number[]> = {};
  for (const { metric, value, count = 1 } of rows) {
    if (metric.startsWith('working-days.')) {
      const values = (durations[metric] ??= []);
      for (let n = 0; n < count; n += 1) values.push(value);
    } else totals[metric] = (totals[metric] ?? 0) + value * count;
  }
  for (const values of Object.values(durations)) values.sort((x, y) => x - y);
  return { totals, durations };
}

/** The metric under which learning points are counted, and found again for their report. */
export const LEARNING_POINTS = 'learning-points';

function learningPoint(
  month: string,
  event: Extract<CaseEvent, { type: 'CaseResponded' | 'CaseClosed' }>,
): Fact[] {
  return event.data.learning === undefined ? [] : [{ month, metric: LEARNING_POINTS, value: 1 }];
}
