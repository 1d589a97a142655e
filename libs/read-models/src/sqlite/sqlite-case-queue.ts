import type Database from 'better-sqlite3';
import type { Case, CaseVisibility } from '#domain';
import { summarise } from '../case-summary';
import type { PersonKey } from '../person-keys';
import type {
  CaseQueue,
  OpenCaseCounts,
  OpenCaseTotals,
  QueuePage,
  QueueQuery,
} from '../read-model.port';
import {
  driveCategoryBelow,
  queueSql,
  visibilityFilter,
  Where,
  type CategoryPlan,
} from './sqlite-queue-query';

/** Open cases of one kind, stage and status, counted. */
interface OpenGroup {
  kind: string;
  stage: number | null;
  status: string;
  total: number;
  overdue: number;
  due_soon: number;
  unassigned: number;
}

interface PageRow {
  row_id: number;
  case_id: string;
  revision: number;
  sort_value: string;
}

/** The case queue: pages of the `cases` table, and the dashboard's counts of open cases. */
export class SqliteCaseQueue implements CaseQueue {
  private readonly statements;
  /** Queue statements by their SQL: a handful of shapes, prepared once each. */
  private readonly pageStatements = new Map<string, Database.Statement<unknown[], PageRow>>();

  constructor(private readonly db: Database.Database) {
    this.statements = {
      states: db.prepare<[string], { row_id: number; state: string }>(
        'SELECT rowid AS row_id, state FROM case_records WHERE rowid IN (SELECT value FROM json_each(?))',
      ),
      casesAbout: db.prepare<[string], { state: string }>(
        `SELECT r.state FROM case_people p
           JOIN cases c ON c.case_id = p.case_id JOIN case_records r ON r.rowid = c.rowid
         WHERE p.key = ? ORDER BY c.received_at, c.case_id`,
      ),
      caseCount: db.prepare<[], { cases: number | null }>('SELECT MAX(rowid) AS cases FROM cases'),
      categorySize: db.prepare<[string, number], { count: number }>(
        'SELECT COUNT(*) AS count FROM (SELECT 1 FROM case_categories WHERE category = ? LIMIT ?)',
      ),
    };
  }

  async page(query: QueueQuery): Promise<QueuePage> {
    const { sql, params } = queueSql(query, query.category ? this.categoryPlan(query) : undefined);
    let statement = this.pageStatements.get(sql);
    if (!statement) {
      statement = this.db.prepare<unknown[], PageRow>(sql);
      this.pageStatements.set(sql, statement);
    }
    const rows = statement.all(...params);
    const items = rows.slice(0, query.limit);
    const states = new Map(
      this.statements.states
        .all(JSON.stringify(items.map((row) => row.row_id)))
        .map((row) => [row.row_id, row.state]),
    );
    const last = items[items.length - 1];
    return {
      items: items.map((row) =>
        summarise(JSON.parse(states.get(row.row_id)!) as Case, row.revision),
      ),
      next: rows.length > query.limit ? { after: last.sort_value, id: last.case_id } : null,
    };
  }

  async casesAbout(key: PersonKey): Promise<Case[]> {
    return this.statements.casesAbout.all(key).map((row) => JSON.parse(row.state) as Case);
  }

  /** Whether the category has few enough cases to read them all (see `CategoryPlan`). */
  private categoryPlan({ category, limit }: QueueQuery): CategoryPlan {
    // The largest rowid: how many cases have been written, near enough, without counting them.
    const { cases } = this.statements.caseCount.get()!;
    const bound = driveCategoryBelow(limit + 1, cases ?? 0);
    const { count } = this.statements.categorySize.get(category!, bound)!;
    return count < bound ? 'drive' : 'probe';
  }

  /**
   * One pass over the open cases, grouped by kind, stage and status together (a few dozen
   * groups), each group carrying its overdue, due-soon and unassigned counts; the
   * breakdowns and totals are added up from the groups.
   */
  async openCounts(
    visibility: CaseVisibility,
    now: string,
    dueSoonBy: string,
  ): Promise<OpenCaseCounts> {
    const where = new Where().add('is_open = 1');
    visibilityFilter(where, visibility);
    const groups = this.db
      .prepare<unknown[], OpenGroup>(
        `SELECT kind, stage, status, COUNT(*) AS total,
           COALESCE(SUM(next_due_by < ?), 0) AS overdue,
           COALESCE(SUM(next_due_by >= ? AND next_due_by <= ?), 0) AS due_soon,
           COALESCE(SUM(owner_id IS NULL), 0) AS unassigned
         FROM cases ${where} GROUP BY kind, stage, status`,
      )
      .all(now, now, dueSoonBy, ...where.params);
    const counts: OpenCaseCounts = {
      byKind: {},
      byStage: {},
      byStatus: {},
      overdue: 0,
      dueSoon: 0,
      unassigned: 0,
      total: 0,
    };
    const add = (into: Record<string, number>, key: string | number | null, count: number) => {
      const name = String(key ?? 'none');
      into[name] = (into[name] ?? 0) + count;
    };
    for (const group of groups) {
      add(counts.byKind, group.kind, group.total);
      add(counts.byStage, group.stage, group.total);
      add(counts.byStatus, group.status, group.total);
      counts.overdue += group.overdue;
      counts.dueSoon += group.due_soon;
      counts.unassigned += group.unassigned;
      counts.total += group.total;
    }
    return counts;
  }

  async openTotals(
    visibility: CaseVisibility,
    now: string,
    dueSoonBy: string,
  ): Promise<OpenCaseTotals> {
    const where = new Where().add('is_open = 1');
    visibilityFilter(where, visibility);
    const [totals] = this.db
      .prepare<unknown[], { total: number; overdue: number; due_soon: number; unassigned: number }>(
        `SELECT COUNT(*) AS total,
           COALESCE(SUM(next_due_by < ?), 0) AS overdue,
           COALESCE(SUM(next_due_by >= ? AND next_due_by <= ?), 0) AS due_soon,
           COALESCE(SUM(owner_id IS NULL), 0) AS unassigned
         FROM cases ${where}`,
      )
      .all(now, now, dueSoonBy, ...where.params);
    return {
      overdue: totals.overdue,
      dueSoon: totals.due_soon,
      unassigned: totals.unassigned,
      total: totals.total,
    };
  }
}
