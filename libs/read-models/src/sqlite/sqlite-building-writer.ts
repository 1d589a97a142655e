import Database from 'better-sqlite3';
import type { Fact } from '../case-facts';
import type { CaseRecord, StoredCase } from '../case-record';
import { queueRow } from '../queue-row';
import type { Checkpoint, ReadModelWriter } from '../read-model.port';
import {
  LOADED_COLUMNS,
  SqliteCaseRecords,
  storedCase,
  type LoadedRow,
} from './sqlite-case-records';
import type { FactKey, FactTally, SqliteFactCounts } from './sqlite-fact-counts';
import { INSERT_CASE, queueValues, UPDATE_CASE } from './sqlite-queue-row';
import { FILL_DERIVED, INDEXES } from './sqlite-read-model-schema';

/** A rebuild's page cache (KiB): room for its tables while it fills them and sorts the indexes. */
const BUILDING_CACHE_KIB = 64 * 1024;

/**
 * A generation to rebuild into: written by one writer, and thrown away if anything goes
 * wrong, so no journal at all until it is ready to serve. (It must be set before the file
 * is ever in WAL mode: SQLite keeps a file in WAL when asked to leave it with no error.)
 */
export function openForBuilding(filename: string): Database.Database {
  const db = new Database(filename);
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma(`cache_size = -${BUILDING_CACHE_KIB}`);
  return db;
}

/**
 * Writes a generation being rebuilt (blue/green: nobody reads it until it is promoted).
 * No secondary indexes, no category, fact or search rows, no journal and no commit until
 * `finish`: a crash mid-rebuild just means rebuilding again. Saves are plain statements
 * in one transaction: a commit per save would write the same pages out again and again,
 * and a savepoint per save would first copy every page it touches to a statement journal.
 * Meanwhile the writer knows where each case's row is, and at which revision.
 */
export class SqliteBuildingWriter implements ReadModelWriter {
  private readonly statements;
  private readonly records: SqliteCaseRecords;
  private readonly cases: Map<string, { rowId: number; revision: number }>;
  private readonly facts: FactTally;

  constructor(
    private readonly db: Database.Database,
    private readonly factCounts: SqliteFactCounts,
  ) {
    this.statements = {
      loadRows: db.prepare<[string], LoadedRow>(
        `SELECT ${LOADED_COLUMNS}, r.state FROM cases c JOIN case_records r ON r.rowid = c.rowid
         WHERE c.rowid IN (SELECT value FROM json_each(?))`,
      ),
      countedFacts: db.prepare<[number], FactKey & { facts: string }>(
        `SELECT c.kind, c.formality, r.facts FROM cases c JOIN case_records r ON r.rowid = c.rowid
         WHERE c.rowid = ?`,
      ),
      insertCase: db.prepare<unknown[]>(INSERT_CASE),
      updateCase: db.prepare<unknown[]>(UPDATE_CASE),
    };
    this.records = new SqliteCaseRecords(db);
    this.cases = this.builtCases();
    this.facts = factCounts.startTally();
    db.exec('BEGIN');
  }

  async load(caseIds: readonly string[]): Promise<Map<string, StoredCase>> {
    const found = new Map<string, StoredCase>();
    if (caseIds.length === 0) return found;
    const rows: number[] = [];
    for (const id of caseIds) {
      const known = this.cases.get(id);
      if (known) rows.push(known.rowId);
    }
    for (const row of this.statements.loadRows.iterate(JSON.stringify(rows)))
      found.set(row.case_id, storedCase(row));
    return found;
  }

  /** Already inside the one transaction. */
  async save(records: readonly CaseRecord[], checkpoint: Checkpoint): Promise<void> {
    for (const record of records) this.saveRecord(record);
    this.records.moveCheckpoint(checkpoint);
  }

  async checkpoint(): Promise<Checkpoint | null> {
    return this.records.checkpoint();
  }

  /**
   * Makes the generation fit to serve: its category, fact and search rows and its
   * indexes, built in bulk and committed with everything it wrote, and a journal and
   * durable commits again. (No ANALYZE: a generation filled live has no statistics
   * either, and the queue's statements are written to be planned well without them.)
   */
  finish(): void {
    this.db.exec(FILL_DERIVED);
    this.factCounts.store(this.facts);
    this.db.exec(INDEXES);
    this.db.exec('COMMIT');
    this.db.pragma('cache_size = -2000'); // SQLite's default again
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
  }

  /** Where the cases are: none, unless the file was opened part-filled. */
  private builtCases(): Map<string, { rowId: number; revision: number }> {
    const rows = this.db
      .prepare<[], { case_id: string; row_id: number; revision: number }>(
        'SELECT case_id, rowid AS row_id, revision FROM cases',
      )
      .all();
    return new Map(rows.map((row) => [row.case_id, { rowId: row.row_id, revision: row.revision }]));
  }

  /** The case's rows by rowid; its category, fact and search rows wait for `finish`. */
  private saveRecord(record: CaseRecord): void {
    const known = this.cases.get(record.caseId);
    if (known && known.revision >= record.revision) return; // a replay changes nothing
    const values = queueValues(queueRow(record));
    let rowId: number;
    if (known) {
      const before = this.statements.countedFacts.get(known.rowId)!;
      this.facts.add(JSON.parse(before.facts) as Fact[], before, -1);
      this.statements.updateCase.run(...values, known.rowId);
      rowId = known.rowId;
    } else rowId = Number(this.statements.insertCase.run(...values).lastInsertRowid);
    this.facts.add(record.facts, record.summary, 1);
    this.cases.set(record.caseId, { rowId, revision: record.revision });
    this.records.put(rowId, record, JSON.stringify(record.facts));
  }
}
