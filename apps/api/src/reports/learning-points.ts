import type { Month, WorkingDayCalendar } from '#calendar';
import type { Case, Policy } from '#domain';
import { instantInWords } from '../console/rendering/people-time';
import { LEARNING_POINTS, type QueueCursor, type ReadModelStore } from '#read-models';

/** A report lists at most this many learning points: years of them, for any provider. */
export const MAX_LEARNING_POINTS = 5000;

/** Cases read per page while gathering them. */
const PAGE = 200;

/** Where a case has no category: its learning points still count. */
export const NO_THEME = 'No category';

export interface LearningPointEntry {
  caseId: string;
  reference: string;
  at: string;
  /** `at` in the policy's time zone, in words. */
  saidOn: string;
  stage: string | null;
  saidWhen: 'responding' | 'closing';
  text: string;
}

export interface LearningPointsReport {
  from: Month;
  to: Month;
  total: number;
  /** Themes (categories) with the most learning points first; a case under each of its categories. */
  themes: Array<{ theme: string; points: LearningPointEntry[] }>;
  /** More were recorded than a report lists: narrow the months. */
  truncated: boolean;
}

/** The ids of the cases with a learning point in the months, a page at a time. */
async function casesWithLearning(store: ReadModelStore, months: Month[], now: Date) {
  const ids: string[] = [];
  let cursor: QueueCursor | undefined;
  do {
    const page = await store.page({
      figure: { metric: LEARNING_POINTS, months },
      status: [],
      sort: 'receivedAt',
      limit: PAGE,
      cursor,
      now: now.toISOString(),
      visibility: { scope: 'all' },
    });
    ids.push(...page.items.map((item) => item.id));
    cursor = page.next ?? undefined;
  } while (cursor && ids.length <= MAX_LEARNING_POINTS);
  return ids;
}

function entriesOf(
  found: Case,
  months: ReadonlySet<Month>,
  calendar: WorkingDayCalendar,
  policy: Policy,
) {
  return found.learningPoints
    .filter((point) => months.has(calendar.localDateOf(new Date(point.at)).slice(0, 7)))
    .map((point) => ({
      caseId: found.id,
      reference: found.reference,
      at: point.at,
      saidOn: instantInWords(point.at, policy.timeZone),
      stage: policy.complaints.stages.find((s) => s.stage === point.stage)?.name ?? null,
      saidWhen: point.saidWhen,
      text: point.text,
    }));
}

/**
 * What was learned or changed because of feedback, said in the months given, by theme:
 * what the MaCTRI Group Administration Manager and DMM's self-assessment ask for.
 */
export async function learningPointsReport(
  store: ReadModelStore,
  months: Month[],
  context: { calendar: WorkingDayCalendar; policy: Policy; now: Date },
): Promise<LearningPointsReport> {
  const found = await casesWithLearning(store, months, context.now);
  const ids = found.slice(0, MAX_LEARNING_POINTS);
  const stored = await store.load(ids);
  const wanted = new Set(months);
  const byTheme = new Map<string, LearningPointEntry[]>();
  let total = 0;
  for (const id of ids) {
    const state = stored.get(id)?.state as Case | undefined;
    if (!state) continue;
    const entries = entriesOf(state, wanted, context.calendar, context.policy);
    total += entries.length;
    for (const theme of state.categories.length ? state.categories : [NO_THEME])
      byTheme.set(theme, [...(byTheme.get(theme) ?? []), ...entries]);
  }
  const themes = [...byTheme.entries()]
    .filter(([, points]) => points.length > 0)
    .map(([theme, points]) => ({ theme, points: points.sort((a, b) => a.at.localeCompare(b.at)) }))
    .sort((a, b) => b.points.length - a.points.length || a.theme.localeCompare(b.theme));
  return {
    from: months[0],
    to: months[months.length - 1],
    total,
    themes,
    truncated: found.length > MAX_LEARNING_POINTS,
  };
}
