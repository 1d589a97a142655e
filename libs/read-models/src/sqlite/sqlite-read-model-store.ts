import { rmSync } from 'node:fs';
import type Database from 'better-sqlite3';
import type { Case, CaseVisibility, ScheduledJob } from '#domain';
import { openSqlite } from '#event-store';
import type { Fact } from '../case-facts';
import type { CaseRecord, StoredCase } from '../case-record';
import { summarise } from '../case-summary';
import { NO_DEADLINE_ASC, NO_DEADLINE_DESC } from '../queue-cursor';
import type {
  Checkpoint,
  DueWork,
  FactFilter,
  FactTotals,
  OpenCaseCounts,
  QueuePage,
  QueueQuery,
  ReadModelStore,
} from '../read-model.port';
import { SqliteFactCounts, type FactKey } from './sqlite-fact-counts';
import {
  driveCategoryBelow,
  queueSql,
  visibilityFilter,
  Where,
  type CategoryPlan,
} from './sqlite-queue-query';
import {
  DERIVED_TABLES,
  FILL_DERIVED,
  INDEXES,
  SCHEMA_VERSION,
  TABLES,
} from './sqlite-read-model-schema';

/** The column holding each job's due instant. */
const DUE_COLUMNS: Record<ScheduledJob, string> = {
  'sla-sweep': 'sweep_due',
  'auto-close': 'auto_close_due',
  'same-day-escalation': 'same_day_due',
};

/** A rebuild's page cache (KiB): room for its tables while it fills them and sorts the indexes. */
const BUILDING_CACHE_KIB = 64 * 1024;

interface LoadedRow {
  case_id: string;
  revision: number;
  kind: Case['kind'];
  formality: Case['formality'];
  search: string;
  categories: string;
  state: string;
  facts: string;
  event_facts: number;
}

/**
 * What a case's category, search and fact-count rows were made from, to rewrite them only
 * when it changes (and to take its facts away from the counts they were added to).
 */
interface DerivedFrom extends FactKey {
  categories: string;
  facts: string;
  search: string;
}

const derivedFrom = (row: Omit<LoadedRow, 'state'>): DerivedFrom => ({
  kind: row.kind,
  formality: row.formality,
  categories: row.categories,
  facts: row.facts,
  search: row.search,
});

/**
 * The read models of one generation in one SQLite file. A batch's records and the
 * checkpoint commit in one transaction, so a crash can lose a batch (replayed on
 * restart) but never half of one.
 */
export class SqliteReadModelStore implements ReadModelStore {
  private readonly db: Database.Database;
  private readonly statements;
  private readonly factCounts: SqliteFactCounts;
  private readonly saveTransaction;
  /** Queue statements by their SQL: a handful of shapes, prepared once each. */
  private readonly queueStatements = new Map<string, Database.Statement<unknown[], QueueRow>>();
  /**
   * What `load` found, until the case is saved, so `save` rewrites its category, fact and
   * search rows only when they changed. A case not found here has its rows replaced outright.
   */
  private readonly loaded = new Map<string, DerivedFrom>();
  /** Still being rebuilt: category, fact and search rows wait for `readyToServe`. */
  private building: boolean;

  /**
   * `building`: a generation being rebuilt — no secondary indexes, no category, fact or
   * search rows and no fsync until `readyToServe` (a crash mid-rebuild just means
   * rebuilding again).
   */
  constructor(
    private readonly filename: string,
    readonly generation: number,
    { building = false }: { building?: boolean } = {},
  ) {
    this.building = building;
    this.db = openSqlite(filename, 'normal');
    if (this.db.pragma('user_version', { simple: true }) !== SCHEMA_VERSION) {
      for (const table of DERIVED_TABLES) this.db.exec(`DROP TABLE IF EXISTS ${table}`);
      this.db.pragma(`user_version = ${SCHEMA_VERSION}`);
    }
    this.db.exec(TABLES);
    if (building) {
      // Written once, by one writer, and thrown away if anything goes wrong: no journal at all.
      this.db.pragma('journal_mode = OFF');
      this.db.pragma('synchronous = OFF');
      this.db.pragma(`cache_size = -${BUILDING_CACHE_KIB}`);
    } else this.db.exec(INDEXES);
    this.statements = {
      load: this.db.prepare<[string], LoadedRow>(
        `SELECT ${LOADED_COLUMNS}, r.state FROM cases c JOIN case_records r ON r.rowid = c.rowid
         WHERE c.case_id IN (SELECT value FROM json_each(?))`,
      ),
      derivedFrom: this.db.prepare<[string], Omit<LoadedRow, 'state'>>(
        `SELECT ${LOADED_COLUMNS} FROM cases c JOIN case_records r ON r.rowid = c.rowid
         WHERE c.case_id = ?`,
      ),
      // Guarded by revision: an older or equal one returns no row and changes nothing.
      upsert: this.db.prepare<Record<string, unknown>, { row_id: number }>(
        `INSERT INTO cases (case_id, revision, kind, formality, stage, status, is_open, owner_id, recipient_id,
          search, categories, received_at, next_due_by, due_asc, due_desc, sweep_due, auto_close_due, same_day_due)
        VALUES (@case_id, @revision, @kind, @formality, @stage, @status, @is_open, @owner_id, @recipient_id,
          @search, @categories, @received_at, @next_due_by, @due_asc, @due_desc, @sweep_due, @auto_close_due,
          @same_day_due)
        ON CONFLICT (case_id) DO UPDATE SET revision = excluded.revision, kind = excluded.kind,
          formality = excluded.formality, stage = excluded.stage, status = excluded.status, is_open = excluded.is_open,
          owner_id = excluded.owner_id, recipient_id = excluded.recipient_id, search = excluded.search,
          categories = excluded.categories, received_at = excluded.received_at, next_due_by = excluded.next_due_by, due_asc = excluded.due_asc,
          due_desc = excluded.due_desc, sweep_due = excluded.sweep_due, auto_close_due = excluded.auto_close_due,
          same_day_due = excluded.same_day_due
        WHERE excluded.revision > cases.revision
        RETURNING rowid AS row_id`,
      ),
      putRecord: this.db.prepare<[number, string, string, number]>(
        'INSERT OR REPLACE INTO case_records (rowid, state, facts, event_facts) VALUES (?, ?, ?, ?)',
      ),
      deleteCategories: this.db.prepare<[string]>('DELETE FROM case_categories WHERE case_id = ?'),
      insertCategory: this.db.prepare<[string, string]>(
        'INSERT OR IGNORE INTO case_categories (category, case_id) VALUES (?, ?)',
      ),
      deleteSearch: this.db.prepare<[number]>('DELETE FROM case_search WHERE rowid = ?'),
      insertSearch: this.db.prepare<[number, string]>(
        'INSERT INTO case_search (rowid, text) VALUES (?, ?)',
      ),
      states: this.db.prepare<[string], { row_id: number; state: string }>(
        'SELECT rowid AS row_id, state FROM case_records WHERE rowid IN (SELECT value FROM json_each(?))',
      ),
      caseCount: this.db.prepare<[], { cases: number | null }>(
        'SELECT MAX(rowid) AS cases FROM cases',
      ),
      categorySize: this.db.prepare<[string, number], { count: number }>(
        'SELECT COUNT(*) AS count FROM (SELECT 1 FROM case_categories WHERE category = ? LIMIT ?)',
      ),
      checkpoint: this.db.prepare<
        [],
        { commit_position: string; prepare_position: string; events: number }
      >('SELECT commit_position, prepare_position, events FROM checkpoint WHERE id = 1'),
      setCheckpoint: this.db.prepare<[string, string, number]>(
        `INSERT INTO checkpoint (id, commit_position, prepare_position, events) VALUES (1, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET commit_position = excluded.commit_position,
           prepare_position = excluded.prepare_position, events = excluded.events`,
      ),
    };
    this.factCounts = new SqliteFactCounts(this.db);
    this.saveTransaction = this.db.transaction(
      (records: readonly CaseRecord[], checkpoint: Checkpoint) => {
        for (const record of records) this.saveRecord(record);
        this.statements.setCheckpoint.run(
          checkpoint.position.commit.toString(),
          checkpoint.position.prepare.toString(),
          checkpoint.events,
        );
      },
    );
  }

  /**
   * Makes a rebuilt generation fit to serve: its category, fact and search rows and its
   * indexes, built in bulk, statistics for the planner, and durable commits again.
   */
  async readyToServe(): Promise<void> {
    if (this.building) {
      this.db.transaction(() => {
        this.db.exec(FILL_DERIVED);
        this.factCounts.fill();
        this.db.exec(INDEXES);
      })();
      this.building = false;
      this.loaded.clear();
    }
    this.db.exec('ANALYZE');
    this.db.pragma('cache_size = -2000'); // SQLite's default again
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
  }

  async load(caseIds: readonly string[]): Promise<Map<string, StoredCase>> {
    const found = new Map<string, StoredCase>();
    if (caseIds.length === 0) return found;
    if (this.loaded.size > 50_000) this.loaded.clear(); // cases loaded but never saved: forget them
    for (const row of this.statements.load.iterate(JSON.stringify(caseIds))) {
      if (!this.building) this.loaded.set(row.case_id, derivedFrom(row));
      found.set(row.case_id, {
        caseId: row.case_id,
        revision: row.revision,
        state: JSON.parse(row.state) as Case,
        eventFacts: (JSON.parse(row.facts) as Fact[]).slice(0, row.event_facts),
      });
    }
    return found;
  }

  async save(records: readonly CaseRecord[], checkpoint: Checkpoint): Promise<void> {
    this.saveTransaction(records, checkpoint);
  }

  private saveRecord(record: CaseRecord): void {
    const { caseId, summary } = record;
    // What the case's derived rows were made from, read before the upsert replaces it.
    const before = this.building
      ? undefined
      : (this.loaded.get(caseId) ?? this.readDerivedFrom(caseId));
    const row = queueRow(record);
    const written = this.statements.upsert.get(row);
    if (!written) return; // already at this revision or later: a replay changes nothing
    const facts = JSON.stringify(record.facts);
    this.statements.putRecord.run(
      written.row_id,
      JSON.stringify(record.state),
      facts,
      record.eventFacts.length,
    );
    if (this.building) return; // derived rows are made in bulk by readyToServe
    this.loaded.delete(caseId);
    this.writeDerived(record, written.row_id, before ?? null, {
      kind: summary.kind,
      formality: summary.formality,
      categories: row.categories,
      facts,
      search: row.search,
    });
  }

  private readDerivedFrom(caseId: string): DerivedFrom | undefined {
    const row = this.statements.derivedFrom.get(caseId);
    return row && derivedFrom(row);
  }

  /** Rewrites a case's category, search and fact-count rows where what they come from changed. */
  private writeDerived(
    { caseId, summary, facts }: CaseRecord,
    rowId: number,
    before: DerivedFrom | null,
    now: DerivedFrom,
  ): void {
    if (before?.categories !== now.categories) {
      this.statements.deleteCategories.run(caseId);
      for (const category of summary.categories)
        this.statements.insertCategory.run(category, caseId);
    }
    if (before?.search !== now.search) {
      this.statements.deleteSearch.run(rowId);
      this.statements.insertSearch.run(rowId, now.search);
    }
    const recounted =
      before?.facts !== now.facts || before.kind !== now.kind || before.formality !== now.formality;
    if (!recounted) return;
    if (before) this.factCounts.add(JSON.parse(before.facts) as Fact[], before, -1);
    this.factCounts.add(facts, now, 1);
  }

  async checkpoint(): Promise<Checkpoint | null> {
    const row = this.statements.checkpoint.get();
    return row
      ? {
          position: { commit: BigInt(row.commit_position), prepare: BigInt(row.prepare_position) },
          events: row.events,
        }
      : null;
  }

  async page(query: QueueQuery): Promise<QueuePage> {
    const { sql, params } = queueSql(query, query.category ? this.categoryPlan(query) : undefined);
    let statement = this.queueStatements.get(sql);
    if (!statement) {
      statement = this.db.prepare<unknown[], QueueRow>(sql);
      this.queueStatements.set(sql, statement);
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

  /** Whether the category has few enough cases to read them all (see `CategoryPlan`). */
  private categoryPlan({ category, limit }: QueueQuery): CategoryPlan {
    // The largest rowid: how many cases have been written, near enough, without counting them.
    const { cases } = this.statements.caseCount.get()!;
    const bound = driveCategoryBelow(limit + 1, cases ?? 0);
    const { count } = this.statements.categorySize.get(category!, bound)!;
    return count < bound ? 'drive' : 'probe';
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
    return this.factCounts.totals(months, filter);
  }

  async themes(months: readonly string[]) {
    return this.factCounts.themes(months);
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

interface QueueRow {
  row_id: number;
  case_id: string;
  revision: number;
  sort_value: string;
}

const LOADED_COLUMNS =
  'c.case_id, c.revision, c.kind, c.formality, c.search, c.categories, r.facts, r.event_facts';

/** A record's row of the queue table, as named parameters of the upsert. */
function queueRow({ caseId, revision, summary, schedule }: CaseRecord) {
  const due = summary.nextDeadline?.dueBy ?? null;
  return {
    case_id: caseId,
    revision,
    kind: summary.kind,
    formality: summary.formality,
    stage: summary.stage,
    status: summary.status,
    is_open: summary.status === 'closed' ? 0 : 1,
    owner_id: summary.owner?.id ?? null,
    recipient_id: summary.recipient.id,
    search: `${summary.reference} ${summary.summary} ${summary.complainantName}`.toLowerCase(),
    categories: JSON.stringify(summary.categories),
    received_at: summary.receivedAt,
    next_due_by: due,
    due_asc: due ?? NO_DEADLINE_ASC,
    due_desc: due ?? NO_DEADLINE_DESC,
    sweep_due: schedule['sla-sweep'],
    auto_close_due: schedule['auto-close'],
    same_day_due: schedule['same-day-escalation'],
  };
}
