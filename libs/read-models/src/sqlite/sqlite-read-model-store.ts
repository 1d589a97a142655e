import { rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { Case, CaseVisibility, ScheduledJob } from '#domain';
import { openSqlite } from '#event-store';
import type { Fact } from '../case-facts';
import type { CaseRecord, StoredCase } from '../case-record';
import { caseSearchText } from '../case-search-text';
import { summarise } from '../case-summary';
import { NO_DEADLINE_ASC, NO_DEADLINE_DESC } from '../queue-cursor';
import {
  ReadModelsNotReadyError,
  type Checkpoint,
  type DueWork,
  type FactFilter,
  type FactTotals,
  type OpenCaseCounts,
  type QueuePage,
  type QueueQuery,
  type ReadModelStore,
} from '../read-model.port';
import { SqliteFactCounts, type FactKey, type FactTally } from './sqlite-fact-counts';
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
 * restart) but never half of one. (A generation being rebuilt commits once, when it is
 * ready to serve; until then it is never read from disk by anyone else.)
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
  /**
   * Still being rebuilt: indexes, category, fact and search rows wait for `readyToServe`;
   * meanwhile the store knows where each case's row is, and at which revision.
   */
  private building: {
    cases: Map<string, { rowId: number; revision: number }>;
    facts: FactTally;
  } | null;

  /**
   * `building`: a generation being rebuilt — no secondary indexes, no category, fact or
   * search rows, no journal and no commit until `readyToServe` (a crash mid-rebuild just
   * means rebuilding again). Its saves are plain statements in one transaction, committed
   * by `readyToServe`: a commit per save would write the same pages out again and again,
   * and a savepoint per save would first copy every page it touches to a statement journal.
   * `migrate: false`: a process that only reads (an API replica) never empties a file of
   * another version; the worker that writes it does.
   */
  constructor(
    private readonly filename: string,
    readonly generation: number,
    { building = false, migrate = true }: { building?: boolean; migrate?: boolean } = {},
  ) {
    this.db = building ? openForBuilding(filename) : openSqlite(filename, 'normal');
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
    if (!building) this.db.exec(INDEXES);
    this.statements = {
      load: this.db.prepare<[string], LoadedRow>(
        `SELECT ${LOADED_COLUMNS}, r.state FROM cases c JOIN case_records r ON r.rowid = c.rowid
         WHERE c.case_id IN (SELECT value FROM json_each(?))`,
      ),
      loadRows: this.db.prepare<[string], LoadedRow>(
        `SELECT ${LOADED_COLUMNS}, r.state FROM cases c JOIN case_records r ON r.rowid = c.rowid
         WHERE c.rowid IN (SELECT value FROM json_each(?))`,
      ),
      countedFacts: this.db.prepare<[number], FactKey & { facts: string }>(
        `SELECT c.kind, c.formality, r.facts FROM cases c JOIN case_records r ON r.rowid = c.rowid
         WHERE c.rowid = ?`,
      ),
      insertCase: this.db.prepare<unknown[]>(
        `INSERT INTO cases (${QUEUE_COLUMNS.join(', ')})
         VALUES (${QUEUE_COLUMNS.map(() => '?').join(', ')})`,
      ),
      updateCase: this.db.prepare<unknown[]>(
        `UPDATE cases SET ${QUEUE_COLUMNS.map((column) => `${column} = ?`).join(', ')}
         WHERE rowid = ?`,
      ),
      derivedFrom: this.db.prepare<[string], Omit<LoadedRow, 'state'>>(
        `SELECT ${LOADED_COLUMNS} FROM cases c JOIN case_records r ON r.rowid = c.rowid
         WHERE c.case_id = ?`,
      ),
      // Guarded by revision: an older or equal one returns no row and changes nothing.
      upsert: lazily(() =>
        this.db.prepare<unknown[], { row_id: number }>(
          `INSERT INTO cases (${QUEUE_COLUMNS.join(', ')})
           VALUES (${QUEUE_COLUMNS.map(() => '?').join(', ')})
           ON CONFLICT (case_id) DO UPDATE SET
             ${QUEUE_COLUMNS.slice(1)
               .map((column) => `${column} = excluded.${column}`)
               .join(', ')}
           WHERE excluded.revision > cases.revision
           RETURNING rowid AS row_id`,
        ),
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
    this.building = building
      ? { cases: this.builtCases(), facts: this.factCounts.startTally() }
      : null;
    if (building) this.db.exec('BEGIN');
    this.saveTransaction = this.db.transaction(
      (records: readonly CaseRecord[], checkpoint: Checkpoint) =>
        this.saveInTransaction(records, checkpoint),
    );
  }

  private saveInTransaction(records: readonly CaseRecord[], checkpoint: Checkpoint): void {
    for (const record of records) this.saveRecord(record);
    this.statements.setCheckpoint.run(
      checkpoint.position.commit.toString(),
      checkpoint.position.prepare.toString(),
      checkpoint.events,
    );
  }

  /**
   * Makes a rebuilt generation fit to serve: its category, fact and search rows and its
   * indexes, built in bulk and committed with everything it wrote, and a journal and
   * durable commits again. (No ANALYZE: a generation filled live has no statistics
   * either, and the queue's statements are written to be planned well without them.)
   */
  async readyToServe(): Promise<void> {
    if (!this.building) return;
    const { facts } = this.building;
    this.building = null;
    this.db.exec(FILL_DERIVED);
    this.factCounts.store(facts);
    this.db.exec(INDEXES);
    this.db.exec('COMMIT');
    this.loaded.clear();
    this.db.pragma('cache_size = -2000'); // SQLite's default again
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
  }

  async load(caseIds: readonly string[]): Promise<Map<string, StoredCase>> {
    const found = new Map<string, StoredCase>();
    if (caseIds.length === 0) return found;
    if (this.loaded.size > 50_000) this.loaded.clear(); // cases loaded but never saved: forget them
    const rows = this.building
      ? this.statements.loadRows.iterate(JSON.stringify(this.rowsOf(caseIds)))
      : this.statements.load.iterate(JSON.stringify(caseIds));
    for (const row of rows) {
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
    // Building: already inside the one transaction, and a savepoint per save would copy
    // every page it touches to a statement journal first.
    if (this.building) this.saveInTransaction(records, checkpoint);
    else this.saveTransaction(records, checkpoint);
  }

  /** Where the cases of a generation being rebuilt are: none, unless it was opened part-filled. */
  private builtCases(): Map<string, { rowId: number; revision: number }> {
    const rows = this.db
      .prepare<[], { case_id: string; row_id: number; revision: number }>(
        'SELECT case_id, rowid AS row_id, revision FROM cases',
      )
      .all();
    return new Map(rows.map((row) => [row.case_id, { rowId: row.row_id, revision: row.revision }]));
  }

  private rowsOf(caseIds: readonly string[]): number[] {
    const rows: number[] = [];
    for (const id of caseIds) {
      const found = this.building!.cases.get(id);
      if (found) rows.push(found.rowId);
    }
    return rows;
  }

  /** A generation being rebuilt: the case's rows by rowid, its category, fact and search rows later. */
  private saveBuilt(record: CaseRecord): void {
    const { cases, facts } = this.building!;
    const known = cases.get(record.caseId);
    if (known && known.revision >= record.revision) return; // a replay changes nothing
    const row = queueRow(record);
    let rowId: number;
    if (known) {
      const before = this.statements.countedFacts.get(known.rowId)!;
      facts.add(JSON.parse(before.facts) as Fact[], before, -1);
      this.statements.updateCase.run(...row.values, known.rowId);
      rowId = known.rowId;
    } else rowId = Number(this.statements.insertCase.run(...row.values).lastInsertRowid);
    facts.add(record.facts, record.summary, 1);
    cases.set(record.caseId, { rowId, revision: record.revision });
    this.putRecord(rowId, record, JSON.stringify(record.facts));
  }

  private putRecord(rowId: number, record: CaseRecord, facts: string): void {
    this.statements.putRecord.run(
      rowId,
      JSON.stringify(record.state),
      facts,
      record.eventFacts.length,
    );
  }

  private saveRecord(record: CaseRecord): void {
    if (this.building) return this.saveBuilt(record);
    const { caseId, summary } = record;
    // What the case's derived rows were made from, read before the upsert replaces it.
    const before = this.loaded.get(caseId) ?? this.readDerivedFrom(caseId);
    const row = queueRow(record);
    const written = this.statements.upsert().get(...row.values);
    if (!written) return; // already at this revision or later: a replay changes nothing
    const facts = JSON.stringify(record.facts);
    this.putRecord(written.row_id, record, facts);
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

/**
 * A generation to rebuild into: written by one writer, and thrown away if anything goes
 * wrong, so no journal at all until it is ready to serve. (It must be set before the file
 * is ever in WAL mode: SQLite keeps a file in WAL when asked to leave it with no error.)
 */
function openForBuilding(filename: string): Database.Database {
  const db = new Database(filename);
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma(`cache_size = -${BUILDING_CACHE_KIB}`);
  return db;
}

interface QueueRow {
  row_id: number;
  case_id: string;
  revision: number;
  sort_value: string;
}

/** Made on first use: a statement that needs an index a generation being rebuilt has not got yet. */
function lazily<T>(make: () => T): () => T {
  let made: T | undefined;
  return () => (made ??= make());
}

const QUEUE_COLUMNS = [
  'case_id',
  'revision',
  'kind',
  'formality',
  'stage',
  'status',
  'is_open',
  'owner_id',
  'recipient_id',
  'search',
  'categories',
  'received_at',
  'next_due_by',
  'due_asc',
  'due_desc',
  'sweep_due',
  'auto_close_due',
  'same_day_due',
];

const LOADED_COLUMNS =
  'c.case_id, c.revision, c.kind, c.formality, c.search, c.categories, r.facts, r.event_facts';

/**
 * A record's row of the queue table: its values in `QUEUE_COLUMNS` order (bound by
 * position, which better-sqlite3 does faster than by name), and the two a save compares.
 */
function queueRow({ caseId, revision, state, summary, schedule }: CaseRecord) {
  const due = summary.nextDeadline?.dueBy ?? null;
  const search = caseSearchText(state);
  const categories = JSON.stringify(summary.categories);
  const values = [
    caseId,
    revision,
    summary.kind,
    summary.formality,
    summary.stage,
    summary.status,
    summary.status === 'closed' ? 0 : 1,
    summary.owner?.id ?? null,
    summary.recipient.id,
    search,
    categories,
    summary.receivedAt,
    due,
    due ?? NO_DEADLINE_ASC,
    due ?? NO_DEADLINE_DESC,
    schedule['sla-sweep'],
    schedule['auto-close'],
    schedule['same-day-escalation'],
  ];
  return { values, search, categories };
}
