import type { CaseVisibility } from '#domain';
import type { FigureFilter, QueueQuery } from '../read-model.port';
import { inList } from './sqlite-fact-counts';

/** A WHERE clause built from optional parts, with its parameters in order. */
export class Where {
  readonly parts: string[] = [];
  readonly params: unknown[] = [];
  add(sql: string, ...params: unknown[]): this {
    this.parts.push(sql);
    this.params.push(...params);
    return this;
  }
  toString(): string {
    return this.parts.length ? `WHERE ${this.parts.join(' AND ')}` : '';
  }
}

export function visibilityFilter(where: Where, visibility: CaseVisibility): void {
  if (visibility.scope === 'none') where.add('0');
  if (visibility.scope === 'participant')
    where.add('(recipient_id = ? OR owner_id = ?)', visibility.personId, visibility.personId);
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);
const likePattern = (text: string) => `%${escapeLike(text.toLowerCase())}%`;

/**
 * Words in the case's search text (see caseSearchText): through the trigram index when
 * the text is long enough to have trigrams, else by scanning.
 */
function textFilter(where: Where, text: string): void {
  const needle = text.toLowerCase().trim();
  if ([...needle].length >= 3)
    where.add(
      'cases.rowid IN (SELECT rowid FROM case_search WHERE case_search MATCH ?)',
      `"${needle.replace(/"/g, '""')}"`,
    );
  else where.add("search LIKE ? ESCAPE '\\'", likePattern(needle));
}

/**
 * Cases with a fact under the figure's metric in its months, read from each case's facts
 * as stored: a drill-down from a report, rare enough not to keep an index for.
 */
function figureFilter(where: Where, { metric, months }: FigureFilter): void {
  where.add(
    `cases.rowid IN (SELECT r.rowid FROM case_records r, json_each(r.facts) AS fact
       WHERE json_extract(fact.value, '$.month') IN (${inList(months)})
         AND (json_extract(fact.value, '$.metric') = ?
           OR json_extract(fact.value, '$.metric') LIKE ? ESCAPE '\\'))`,
    ...months,
    metric,
    `${escapeLike(metric)}.%`,
  );
}

const SORTS = {
  dueBy: { column: 'due_asc', direction: 'ASC' },
  '-dueBy': { column: 'due_desc', direction: 'DESC' },
  receivedAt: { column: 'received_at', direction: 'ASC' },
  '-receivedAt': { column: 'received_at', direction: 'DESC' },
} as const;

/**
 * How a category filter is applied. A category with few cases is best read from
 * `case_categories` and sorted (`drive`); a common one is best found by walking the sort
 * order and checking each case's categories, which stops after a page (`probe`). SQLite's
 * planner cannot tell the two apart (its statistics give the average category, not this
 * one), so the store counts the category's cases, up to a bound, and says which.
 */
export type CategoryPlan = 'drive' | 'probe';

/**
 * The category size below which reading all its cases beats walking the sort order:
 * walking finds a page after about `page × cases ÷ size` rows, reading all costs `size`;
 * the two meet at the square root of their product.
 */
export const driveCategoryBelow = (pageRows: number, cases: number) =>
  Math.max(pageRows, Math.ceil(Math.sqrt(pageRows * cases)));

/** `GET /cases` as one SQL statement: the page's case ids and sort values, in order. */
export function queueSql(
  query: QueueQuery,
  categoryPlan: CategoryPlan = 'probe',
): { sql: string; params: unknown[] } {
  const where = new Where();
  visibilityFilter(where, query.visibility);
  if (query.status === undefined) where.add('is_open = 1');
  else if (query.status.length > 0)
    where.add(`status IN (${query.status.map(() => '?').join(', ')})`, ...query.status);
  if (query.kind) where.add('kind = ?', query.kind);
  if (query.stage !== undefined) where.add('stage = ?', query.stage);
  if (query.ownerId) where.add('owner_id = ?', query.ownerId);
  if (query.unassigned) where.add('owner_id IS NULL');
  if (query.overdue) where.add('next_due_by < ?', query.now);
  if (query.dueBefore) where.add('next_due_by <= ?', query.dueBefore);
  if (query.dueFrom) where.add('next_due_by >= ?', query.dueFrom);
  if (query.category && categoryPlan === 'probe')
    where.add(
      'EXISTS (SELECT 1 FROM case_categories cc WHERE cc.category = ? AND cc.case_id = cases.case_id)',
      query.category,
    );
  if (query.q) textFilter(where, query.q);
  if (query.receivedFrom) where.add('received_at >= ?', query.receivedFrom);
  if (query.receivedTo) where.add('received_at <= ?', query.receivedTo);
  if (query.retentionDueBy) where.add('retention_due <= ?', query.retentionDueBy);
  if (query.underLegalHold) where.add('legal_hold_since IS NOT NULL');
  if (query.figure) figureFilter(where, query.figure);
  const { column, direction } = SORTS[query.sort];
  if (query.cursor)
    where.add(
      `(${column}, case_id) ${direction === 'ASC' ? '>' : '<'} (?, ?)`,
      query.cursor.after,
      query.cursor.id,
    );
  const order = `ORDER BY ${column} ${direction}, case_id ${direction}`;
  // CROSS JOIN: SQLite keeps the left side as the outer loop, so the category's cases lead.
  const drive = query.category !== undefined && categoryPlan === 'drive';
  const from = drive
    ? `(SELECT case_id AS of_category FROM case_categories WHERE category = ?) AS categorised
       CROSS JOIN cases ON cases.case_id = categorised.of_category`
    : 'cases';
  return {
    sql: `SELECT cases.rowid AS row_id, case_id, revision, ${column} AS sort_value
          FROM ${from} ${where} ${order} LIMIT ?`,
    params: [...(drive ? [query.category] : []), ...where.params, query.limit + 1],
  };
}
