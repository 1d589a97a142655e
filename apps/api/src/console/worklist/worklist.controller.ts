import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { caseVisibility, mayAdminister, mayManagePersonalData, type CaseDecider } from '#domain';
import { RETENTION_PAGE } from '../data-protection/retention-view';
import type { Clock } from '#event-store';
import type { CaseSummary, ReadSide } from '#read-models';
import { encodeCursor } from '#read-models';
import { CASE_DECIDER } from '../../cases/case-decider.provider';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import type { RequestContext } from '../../http/request-context';
import { PROJECTIONS } from '../../projections/projections.module';
import { DUE_SOON_WORKING_DAYS, dueSoonBy, listableCases } from '../../queries/case-visibility';
import { CLOCK } from '../../storage/storage';
import { formErrors } from '../forms/field-errors';
import { ConsolePages } from '../pages/console-page.decorator';
import { CONSOLE_PEOPLE, type ConsolePeople } from '../sessions/console-people.port';
import { capitalised, KIND_WORDS, STATUS_WORDS } from '../rendering/vocabulary';
import { ConsoleContext } from '../sessions/console-request';
import { deadlinePhrase } from './deadline-phrase';
import { worklistCsv, CSV_ROW_LIMIT } from './worklist-csv';
import { figureInWords, periodInWords, readPeriod } from './report-figure';
import {
  OPEN_STATUSES,
  queueQueryFor,
  readWorklistRequest,
  worklistAddress,
  WORKLIST_TABS,
  type WorklistRequest,
} from './worklist-filters';

/** Rows on one page of the worklist. */
export const WORKLIST_PAGE_ROWS = 50;

/** The worklist: the cases a person may see, by tab and filter, a page at a time. */
@Controller()
@ConsolePages()
export class WorklistController {
  constructor(
    @Inject(PROJECTIONS) private readonly projections: ReadSide,
    @Inject(CASE_DECIDER) private readonly decider: CaseDecider,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CONSOLE_PEOPLE) private readonly people: ConsolePeople,
  ) {}

  private context(context: RequestContext, limit: number) {
    const now = this.clock();
    return {
      personId: context.actor.id,
      visibility: listableCases(context.actor),
      now,
      dueSoonBy: dueSoonBy(this.decider.calendar, now),
      timeZone: this.config.policy.timeZone,
      limit,
    };
  }

  @Get()
  async worklist(
    @ConsoleContext() context: RequestContext,
    @Query() query: Record<string, unknown>,
    @Res() response: Response,
  ) {
    // An administrator sees no cases: their console starts at administration, not at a refusal.
    if (caseVisibility(context.actor).scope === 'none' && mayAdminister(context.actor))
      return response.redirect(303, '/admin');
    // Data protection has no queue of cases either: its console starts at retention.
    if (caseVisibility(context.actor).scope === 'none' && mayManagePersonalData(context.actor))
      return response.redirect(303, RETENTION_PAGE);
    const { request, errors } = readWorklistRequest(query, this.config.policy);
    const settings = this.context(context, WORKLIST_PAGE_ROWS);
    const store = this.projections.store();
    const [page, counts, mine, people] = await Promise.all([
      store.page(queueQueryFor(request, settings)),
      store.openTotals(
        settings.visibility,
        settings.now.toISOString(),
        settings.dueSoonBy.toISOString(),
      ),
      store.openTotals(
        { scope: 'participant', personId: context.actor.id },
        settings.now.toISOString(),
        settings.dueSoonBy.toISOString(),
      ),
      this.people.list(),
    ]);
    const count: Record<string, number | undefined> = {
      mine: mine.total,
      unassigned: counts.unassigned,
      overdue: counts.overdue,
      'due-soon': counts.dueSoon,
      open: counts.total,
    };
    const shown = formErrors(errors);
    response.render('worklist/worklist', {
      pageTitle: 'Worklist',
      errors: shown.list,
      fieldErrors: shown.byField,
      request,
      tabs: WORKLIST_TABS.map((tab) => ({
        text: count[tab.id] === undefined ? tab.label : `${tab.label} (${count[tab.id]})`,
        href: worklistAddress(request, { tab: tab.id, cursor: undefined }),
        active: tab.id === request.tab,
      })),
      rows: page.items.map((item) => this.row(item, settings.now)),
      columns: this.columns(request),
      nextPage: page.next && worklistAddress(request, { cursor: encodeCursor(page.next) }),
      firstPage: request.cursor ? worklistAddress(request, { cursor: undefined }) : null,
      csv: worklistAddress(request, { cursor: undefined }, '/worklist.csv'),
      stages: this.config.policy.complaints.stages.map((s) => ({
        value: String(s.stage),
        text: s.name,
        selected: request.stage === s.stage,
      })),
      owners: people
        .filter((p) => p.active)
        .map((p) => ({ value: p.id, text: p.name, selected: request.ownerId === p.id })),
      kinds: Object.entries(KIND_WORDS).map(([value, words]) => ({
        value,
        text: capitalised(words),
        selected: request.kind === value,
      })),
      statuses: OPEN_STATUSES.map((status) => ({
        value: status,
        text: STATUS_WORDS[status],
        selected: request.status === status,
      })),
      figure: this.figureShown(request),
      emptyMessage: request.figure ? 'No cases are counted in this figure.' : EMPTY[request.tab],
    });
  }

  @Get('worklist.csv')
  async csv(
    @ConsoleContext() context: RequestContext,
    @Query() query: Record<string, unknown>,
    @Res() response: Response,
  ) {
    const { request } = readWorklistRequest(query, this.config.policy);
    const settings = this.context(context, 200);
    const rows: CaseSummary[] = [];
    let current: WorklistRequest = { ...request, cursor: undefined };
    for (;;) {
      const page = await this.projections.store().page(queueQueryFor(current, settings));
      rows.push(...page.items);
      if (!page.next || rows.length >= CSV_ROW_LIMIT) break;
      current = { ...current, cursor: encodeCursor(page.next) };
    }
    const date = this.decider.calendar.localDateOf(settings.now);
    response
      .type('text/csv; charset=utf-8')
      .setHeader(
        'Content-Disposition',
        `attachment; filename="worklist-${request.tab}-${date}.csv"`,
      )
      .send(worklistCsv(rows.slice(0, CSV_ROW_LIMIT), this.config.policy.timeZone));
  }

  /** What a figure from a report or the dashboard is, in words, and the way back. */
  private figureShown(request: WorklistRequest) {
    const months = request.period && readPeriod(request.period);
    if (!request.figure || !months) return null;
    return {
      words: figureInWords(request.figure, this.config.policy),
      period: periodInWords(months),
      clear: worklistAddress(request, { figure: undefined, period: undefined }),
    };
  }

  private row(item: CaseSummary, now: Date) {
    return {
      ...item,
      kindName: capitalised(KIND_WORDS[item.kind]),
      statusName: STATUS_WORDS[item.status],
      deadline: item.nextDeadline && {
        dueBy: item.nextDeadline.dueBy,
        phrase: deadlinePhrase(new Date(item.nextDeadline.dueBy), now, this.decider.calendar),
        late: item.nextDeadline.dueBy < now.toISOString(),
      },
    };
  }

  private columns(request: WorklistRequest) {
    const sortable = (label: string, ascending: 'dueBy' | 'receivedAt') => {
      const descending = `-${ascending}` as const;
      const current =
        request.sort === ascending
          ? 'ascending'
          : request.sort === descending
            ? 'descending'
            : 'none';
      return {
        label,
        sort: current,
        href: worklistAddress(request, {
          sort: current === 'ascending' ? descending : ascending,
          cursor: undefined,
        }),
      };
    };
    return {
      received: sortable('Received', 'receivedAt'),
      deadline: sortable('Next deadline', 'dueBy'),
    };
  }
}

const EMPTY: Record<string, string> = {
  mine: 'You have no open cases: none you received or own is open.',
  unassigned: 'Every open case has an owner.',
  overdue: 'No cases are overdue.',
  'due-soon': `Nothing is due in the next ${DUE_SOON_WORKING_DAYS} working days.`,
  open: 'There are no open cases to show.',
  closed: 'No closed cases match.',
};
