import { rmSync } from 'node:fs';
import type Database from 'better-sqlite3';
import type { CaseVisibility, ScheduledJob } from '#domain';
import { openSqlite, type Position } from '#event-store';
import { totalFacts, type Fact } from '../case-facts';
import type { CaseRecord, StoredCase } from '../case-record';
import type { CaseSummary } from '../case-summary';
import { NO_DEADLINE_ASC, NO_DEADLINE_DESC } from '../queue-cursor';
import {
  ReadModelsNotReadyError,
  type DueWork,
  type FactFilter,
  type FactTotals,
  type OpenCaseCounts,
  type QueuePage,
  type QueueQuery,
  type ReadModelStore,
} from '../read-model.port';

const TABLES = `
CREATE TABLE IF NOT EXISTS cases (
  case_id      TEXT PRIMARY KEY,
  revision     INTEGER NOT NULL,
  state        TEXT NOT NULL,
  event_facts  TEXT NOT NULL,
  summary      TEXT NOT NULL,
  kind         TEXT NOT NULL,
  formality    TEXT,
  stage        INTEGER,
  status       TEXT NOT NULL,
  is_open      INTEGER NOT NULL,
  owner_id     TEXT,
  recipient_id TEXT NOT NULL,
  search       TEXT NOT NULL,
  received_at  TEXT NOT NULL,
  next_due_by  TEXT,
  due_asc      TEXT NOT NULL,
  due_desc     TEXT NOT NULL,
  categories   TEXT NOT NULL,
  facts        TEXT NOT NULL,
  -- From when each scheduled job has work on the case (null: none).
  sweep_due    TEXT,
  auto_close_due TEXT,
  same_day_due TEXT
);
CREATE TABLE IF NOT EXISTS case_categories (
  category TEXT NOT NULL, case_id TEXT NOT NULL, PRIMARY KEY (category, case_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS facts (
  case_id TEXT NOT NULL, month TEXT NOT NULL, metric TEXT NOT NULL, value INTEGER NOT NULL
);
-- Substring search over reference, summary and complainant name (trigrams: any 3+ characters).
-- Its rowid is the case row's rowid.
CREATE VIRTUAL TABLE IF NOT EXISTS case_search USING fts5(text, tokenize = 'trigram');
-- Writes replace a case's rows by case id: these indexes serve writes, so they always exist.
CREATE INDEX IF NOT EXISTS case_categories_case ON case_categories (case_id);
CREATE INDEX IF NOT EXISTS facts_case ON facts (case_id);
CREATE TABLE IF NOT EXISTS checkpoint (
  id INTEGER PRIMARY KEY CHECK (id = 1), commit_position TEXT NOT NULL, prepare_position TEXT NOT NULL
);
`;

/** Secondary indexes: left out while a rebuild fills a generation, built once before it serves. */
const INDEXES = `
CREATE INDEX IF NOT EXISTS cases_open_due_asc ON cases (is_open, due_asc, case_id);
CREATE INDEX IF NOT EXISTS cases_open_due_desc ON cases (is_open, due_desc, case_id);
CREATE INDEX IF NOT EXISTS cases_open_received ON cases (is_open, received_at, case_id);
CREATE INDEX IF NOT EXISTS cases_due_asc ON cases (due_asc, case_id);
CREATE INDEX IF NOT EXISTS cases_received ON cases (received_at, case_id);
CREATE INDEX IF NOT EXISTS cases_owner ON cases (owner_id, is_open, due_asc);
CREATE INDEX IF NOT EXISTS cases_recipient ON cases (recipient_id, is_open, due_asc);
CREATE INDEX IF NOT EXISTS facts_month ON facts (month, metric);
CREATE INDEX IF NOT EXISTS cases_sweep_due ON cases (sweep_due, case_id) WHERE sweep_due IS NOT NULL;
CREATE INDEX IF NOT EXISTS cases_auto_close_due ON cases (auto_close_due, case_id) WHERE auto_close_due IS NOT NULL;
CREATE INDEX IF NOT EXISTS cases_same_day_due ON cases (same_day_due, case_id) WHERE same_day_due IS NOT NULL;
`;

/**
 * Bumped whenever the tables change. A file of another version is emptied and refilled
 * from the events (read models are derived data; the checkpoint goes with them).
 */
const SCHEMA_VERSION = 2;
const DERIVED_TABLES = ['cases', 'case_categories', 'facts', 'case_search', 'checkpoint'];

/** The column holding each job's due instant. */
const DUE_COLUMNS: Record<ScheduledJob, string> = {
  'sla-sweep': 'sweep_due',
  'auto-close': 'auto_close_due',
  'same-day-escalation': 'same_day_due',
};

interface CaseRow {
  case_id: string;
  revision: number;
  state: string;
  event_facts: string;
  categories: string;
  facts: string;
  search: string;
}

/**
 * Words in the reference, summary or complainant's name: through the trigram index when
 * the text is long enough to have trigrams, else by scanning.
 */
function textFilter(where: Where, text: string): void {
  const needle = text.toLowerCase().trim();
  if ([...needle].length >= 3)
    where.add(
      'rowid IN (SELECT rowid FROM case_search WHERE case_search MATCH ?)',
      `"${needle.replace(/"/g, '""')}"`,
    );
  else where.add("search LIKE ? ESCAPE '\\'", likePattern(needle));
}

const likePattern = (text: string) => `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** A WHERE clause built from optional parts, with its parameters in order. */
class Where {
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

function visibilityFilter(where: Where, visibility: CaseVisibility): void {
  if (visibility.scope === 'none') where.add('0');
  if (visibility.scope === 'participant')
    where.add('(recipient_id = ? OR owner_id = ?)', visibility.personId, visibility.personId);
}

const SORTS = {
  dueBy: { column: 'due_asc', direction: 'ASC' },
  '-dueBy': { column: 'due_desc', direction: 'DESC' },
  receivedAt: { column: 'received_at', direction: 'ASC' },
  '-receivedAt': { column: 'received_at', direction: 'DESC' },
} as const;

/**
 * The read models of one generation in one SQLite file. A batch's records and the
 * checkpoint commit in one transaction, so a crash can lose a batch (replayed on
 * restart) but never half of one.
 */
export class SqliteReadModelStore implements ReadModelStore {
  private readonly db: Database.Database;
  private readonly statements;
  private readonly saveTransaction;
  /**
   * What `load` found, until the case is saved, so `save` rewrites its category, fact and
   * search rows only when they changed. A case not found here has its rows replaced outright.
   */
  private readonly loaded = new Map<
    string,
    { categories: string; facts: string; search: string }
  >();

  /**
   * `building`: a generation being rebuilt — no secondary indexes and no fsync until
   * `readyToServe` (a crash mid-rebuild just means rebuilding again). `migrate: false`:
   * a process that only reads (an API replica) never empties a file of another version;
   * the worker that writes it does.
   */
  constructor(
    private readonly filename: string,
    readonly generation: number,
    { building = false, migrate = true }: { building?: boolean; migrate?: boolean } = {},
  ) {
    this.db = openSqlite(filename, 'normal');
    const version = this.db.pragma('user_version', { simple: true });
    if (!migrate && version !== SCHEMA_VERSION) {
      this.db.close();
      throw new ReadModelsNotReadyError(
        `read models at version ${version}, expected ${SCHEMA_VERSION}`,
      );
    }
    if (version !== SCHEMA_VERSION) {
      for (const table of DERIVED_TABLES) this.db.exec(`DROP TABLE IF EXISTS ${table}`);
      this.db.pragma(`user_version = ${SCHEMA_VERSION}`);
    }
    this.db.exec(TABLES);
    if (building) this.db.pragma('synchronous = OFF');
    else this.db.exec(INDEXES);
    this.statements = {
      load: this.db.prepare<[string], CaseRow>(
        'SELECT case_id, revision, state, event_facts, categories, facts, search FROM cases WHERE case_id = ?',
      ),
      upsert: this.db
        .prepare(`INSERT INTO cases (case_id, revision, state, event_facts, summary, kind, formality, stage,
          status, is_open, owner_id, recipient_id, search, received_at, next_due_by, due_asc, due_desc, categories, facts,
          sweep_due, auto_close_due, same_day_due)
        VALUES (@case_id, @revision, @state, @event_facts, @summary, @kind, @formality, @stage, @status, @is_open,
          @owner_id, @recipient_id, @search, @received_at, @next_due_by, @due_asc, @due_desc, @categories, @facts,
          @sweep_due, @auto_close_due, @same_day_due)
        ON CONFLICT (case_id) DO UPDATE SET revision = excluded.revision, state = excluded.state,
          event_facts = excluded.event_facts, summary = excluded.summary, kind = excluded.kind,
          formality = excluded.formality, stage = excluded.stage, status = excluded.status, is_open = excluded.is_open,
          owner_id = excluded.owner_id, recipient_id = excluded.recipient_id, search = excluded.search,
          received_at = excluded.received_at, next_due_by = excluded.next_due_by, due_asc = excluded.due_asc,
          due_desc = excluded.due_desc, categories = excluded.categories, facts = excluded.facts,
          sweep_due = excluded.sweep_due, auto_close_due = excluded.auto_close_due, same_day_due = excluded.same_day_due
        WHERE excluded.revision > cases.revision`),
      deleteCategories: this.db.prepare<[string]>('DELETE FROM case_categories WHERE case_id = ?'),
      insertCategory: this.db.prepare<[string, string]>(
        'INSERT OR IGNORE INTO case_categories (category, case_id) VALUES (?, ?)',
      ),
      deleteFacts: this.db.prepare<[string]>('DELETE FROM facts WHERE case_id = ?'),
      deleteSearch: this.db.prepare<[string]>(
        'DELETE FROM case_search WHERE rowid = (SELECT rowid FROM cases WHERE case_id = ?)',
      ),
      insertSearch: this.db.prepare<[string, string]>(
        'INSERT INTO case_search (rowid, text) SELECT rowid, ? FROM cases WHERE case_id = ?',
      ),
      insertFact: this.db.prepare<[string, string, string, number]>(
        'INSERT INTO facts (case_id, month, metric, value) VALUES (?, ?, ?, ?)',
      ),
      checkpoint: this.db.prepare<[], { commit_position: string; prepare_position: string }>(
        'SELECT commit_position, prepare_position FROM checkpoint WHERE id = 1',
      ),
      setCheckpoint: this.db.prepare<[string, string]>(
        `INSERT INTO checkpoint (id, commit_position, prepare_position) VALUES (1, ?, ?)
         ON CONFLICT (id) DO UPDATE SET commit_position = excluded.commit_position, prepare_position = excluded.prepare_position`,
      ),
    };
    this.saveTransaction = this.db.transaction(
      (records: readonly CaseRecord[], checkpoint: Position) => {
        for (const record of records) this.saveRecord(record);
        this.statements.setCheckpoint.run(
          checkpoint.commit.toString(),
          checkpoint.prepare.toString(),
        );
      },
    );
  }

  /** Builds the indexes a rebuild left out, and makes commits durable again. */
  async readyToServe(): Promise<void> {
    this.db.exec(INDEXES);
    this.db.exec('ANALYZE');
    this.db.pragma('synchronous = NORMAL');
  }

  async load(caseIds: readonly string[]): Promise<Map<string, StoredCase>> {
    const found = new Map<string, StoredCase>();
    if (this.loaded.size > 50_000) this.loaded.clear(); // cases loaded but never saved: forget them
    for (const id of caseIds) {
      const row = this.statements.load.get(id);
      if (row)
        this.loaded.set(id, { categories: row.categories, facts: row.facts, search: row.search });
      if (row)
        found.set(id, {
          caseId: row.case_id,
          revision: row.revision,
          state: JSON.parse(row.state),
          eventFacts: JSON.parse(row.event_facts) as Fact[],
        });
    }
    return found;
  }

  async save(records: readonly CaseRecord[], checkpoint: Position): Promise<void> {
    this.saveTransaction(records, checkpoint);
  }

  private saveRecord({
    caseId,
    revision,
    state,
    eventFacts,
    summary,
    facts,
    schedule,
  }: CaseRecord): void {
    const due = summary.nextDeadline?.dueBy ?? null;
    const categories = JSON.stringify(summary.categories);
    const factsJson = JSON.stringify(facts);
    const search =
      `${summary.reference} ${summary.summary} ${summary.complainantName}`.toLowerCase();
    const changed = this.statements.upsert.run({
      case_id: caseId,
      revision,
      state: JSON.stringify(state),
      event_facts: JSON.stringify(eventFacts),
      summary: JSON.stringify(summary),
      kind: summary.kind,
      formality: summary.formality,
      stage: summary.stage,
      status: summary.status,
      is_open: summary.status === 'closed' ? 0 : 1,
      owner_id: summary.owner?.id ?? null,
      recipient_id: summary.recipient.id,
      search,
      received_at: summary.receivedAt,
      next_due_by: due,
      due_asc: due ?? NO_DEADLINE_ASC,
      due_desc: due ?? NO_DEADLINE_DESC,
      categories,
      facts: factsJson,
      sweep_due: schedule['sla-sweep'],
      auto_close_due: schedule['auto-close'],
      same_day_due: schedule['same-day-escalation'],
    }).changes;
    if (changed === 0) return; // already at this revision or later: a replay changes nothing
    const before = this.loaded.get(caseId);
    this.loaded.delete(caseId);
    if (before?.categories !== categories) {
      this.statements.deleteCategories.run(caseId);
      for (const category of summary.categories)
        this.statements.insertCategory.run(category, caseId);
    }
    if (before?.search !== search) {
      this.statements.deleteSearch.run(caseId);
      this.statements.insertSearch.run(search, caseId);
    }
    if (before?.facts !== factsJson) {
      this.statements.deleteFacts.run(caseId);
      for (const fact of facts)
        this.statements.insertFact.run(caseId, fact.month, fact.metric, fact.value);
    }
  }

  async checkpoint(): Promise<Position | null> {
    const row = this.statements.checkpoint.get();
    return row
      ? { commit: BigInt(row.commit_position), prepare: BigInt(row.prepare_position) }
      : null;
  }

  async page(query: QueueQuery): Promise<QueuePage> {
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
    if (query.category)
      where.add(
        'case_id IN (SELECT case_id FROM case_categories WHERE category = ?)',
        query.category,
      );
    if (query.q) textFilter(where, query.q);
    if (query.receivedFrom) where.add('received_at >= ?', query.receivedFrom);
    if (query.receivedTo) where.add('received_at <= ?', query.receivedTo);
    const { column, direction } = SORTS[query.sort];
    if (query.cursor)
      where.add(
        `(${column}, case_id) ${direction === 'ASC' ? '>' : '<'} (?, ?)`,
        query.cursor.after,
        query.cursor.id,
      );
    const rows = this.db
      .prepare<unknown[], { summary: string; sort_value: string; case_id: string }>(
        `SELECT summary, ${column} AS sort_value, case_id FROM cases ${where}
         ORDER BY ${column} ${direction}, case_id ${direction} LIMIT ?`,
      )
      .all(...where.params, query.limit + 1);
    const items = rows.slice(0, query.limit);
    const last = items[items.length - 1];
    return {
      items: items.map((row) => JSON.parse(row.summary) as CaseSummary),
      next: rows.length > query.limit ? { after: last.sort_value, id: last.case_id } : null,
    };
  }

  async openCounts(
    visibility: CaseVisibility,
    now: string,
    dueSoonBy: string,
  ): Promise<OpenCaseCounts> {
    const where = new Where().add('is_open = 1');
    visibilityFilter(where, visibility);
    const grouped = (column: string) =>
      Object.fromEntries(
        this.db
          .prepare<unknown[], { key: string | number | null; count: number }>(
            `SELECT ${column} AS key, COUNT(*) AS count FROM cases ${where} GROUP BY ${column}`,
          )
          .all(...where.params)
          .map((row) => [String(row.key ?? 'none'), row.count]),
      );
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
      byKind: grouped('kind'),
      byStage: grouped('stage'),
      byStatus: grouped('status'),
      overdue: totals.overdue,
      dueSoon: totals.due_soon,
      unassigned: totals.unassigned,
      total: totals.total,
    };
  }

  async facts(months: readonly string[], filter: FactFilter = {}): Promise<FactTotals> {
    const where = new Where().add(
      `f.month IN (${months.map(() => '?').join(', ') || "''"})`,
      ...months,
    );
    if (filter.kind) where.add('c.kind = ?', filter.kind);
    if (filter.formality) where.add('c.formality = ?', filter.formality);
    const join = filter.kind || filter.formality ? 'JOIN cases c ON c.case_id = f.case_id' : '';
    return totalFacts(
      this.db
        .prepare<unknown[], { metric: string; value: number }>(
          `SELECT f.metric AS metric, f.value AS value FROM facts f ${join} ${where}`,
        )
        .iterate(...where.params),
    );
  }

  async themes(months: readonly string[]) {
    return this.db
      .prepare<unknown[], { month: string; category: string; count: number }>(
        `SELECT month, substr(metric, 19) AS category, SUM(value) AS count FROM facts
         WHERE month IN (${months.map(() => '?').join(', ') || "''"}) AND metric LIKE 'received.category.%'
         GROUP BY month, metric ORDER BY month, count DESC, category`,
      )
      .all(...months);
  }

  async dueWork(
    job: ScheduledJob,
    now: string,
    { limit, after }: { limit: number; after?: DueWork },
  ): Promise<DueWork[]> {
    const column = DUE_COLUMNS[job];
    const where = new Where().add(`${column} IS NOT NULL`).add(`${column} <= ?`, now);
    if (after) where.add(`(${column}, case_id) > (?, ?)`, after.dueAt, after.caseId);
    return this.db
      .prepare<unknown[], DueWork>(
        `SELECT case_id AS caseId, ${column} AS dueAt FROM cases ${where}
         ORDER BY ${column}, case_id LIMIT ?`,
      )
      .all(...where.params, limit);
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  async drop(): Promise<void> {
    await this.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${this.filename}${suffix}`, { force: true });
  }
}
