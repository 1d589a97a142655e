import type Database from 'better-sqlite3';
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
import type { FactKey, SqliteFactCounts } from './sqlite-fact-counts';
import { categoriesValue, peopleValue, queueValues, UPSERT_CASE } from './sqlite-queue-row';

/**
 * What a case's category, search and fact-count rows were made from, to rewrite them only
 * when it changes (and to take its facts away from the counts they were added to).
 */
interface DerivedFrom extends FactKey {
  categories: string;
  people: string;
  facts: string;
  search: string;
}

const derivedFrom = (row: Omit<LoadedRow, 'state'>): DerivedFrom => ({
  kind: row.kind,
  formality: row.formality,
  categories: row.categories,
  people: row.people,
  facts: row.facts,
  search: row.search,
});

/** Cases loaded but never saved are forgotten beyond this many. */
const MAX_LOADED = 50_000;

/**
 * Writes a generation that serves queries: each save — the cases' queue rows, records,
 * category, search and fact-count rows, and the checkpoint — commits in one transaction,
 * so a crash can lose a batch (replayed on restart) but never half of one.
 */
export class SqliteLiveWriter implements ReadModelWriter {
  private readonly statements;
  private readonly records: SqliteCaseRecords;
  private readonly saveTransaction;
  /**
   * What `load` found, until the case is saved, so `save` rewrites its category, fact and
   * search rows only when they changed. A case not found here has its rows replaced outright.
   */
  private readonly loaded = new Map<string, DerivedFrom>();

  constructor(
    db: Database.Database,
    private readonly factCounts: SqliteFactCounts,
  ) {
    this.statements = {
      load: db.prepare<[string], LoadedRow>(
        `SELECT ${LOADED_COLUMNS}, r.state FROM cases c JOIN case_records r ON r.rowid = c.rowid
         WHERE c.case_id IN (SELECT value FROM json_each(?))`,
      ),
      derivedFrom: db.prepare<[string], Omit<LoadedRow, 'state'>>(
        `SELECT ${LOADED_COLUMNS} FROM cases c JOIN case_records r ON r.rowid = c.rowid
         WHERE c.case_id = ?`,
      ),
      upsert: db.prepare<unknown[], { row_id: number }>(UPSERT_CASE),
      deleteCategories: db.prepare<[string]>('DELETE FROM case_categories WHERE case_id = ?'),
      insertCategory: db.prepare<[string, string]>(
        'INSERT OR IGNORE INTO case_categories (category, case_id) VALUES (?, ?)',
      ),
      deletePeople: db.prepare<[string]>('DELETE FROM case_people WHERE case_id = ?'),
      insertPerson: db.prepare<[string, string]>(
        'INSERT OR IGNORE INTO case_people (key, case_id) VALUES (?, ?)',
      ),
      deleteSearch: db.prepare<[number]>('DELETE FROM case_search WHERE rowid = ?'),
      insertSearch: db.prepare<[number, string]>(
        'INSERT INTO case_search (rowid, text) VALUES (?, ?)',
      ),
    };
    this.records = new SqliteCaseRecords(db);
    this.saveTransaction = db.transaction(
      (records: readonly CaseRecord[], checkpoint: Checkpoint) => {
        for (const record of records) this.saveRecord(record);
        this.records.moveCheckpoint(checkpoint);
      },
    );
  }

  async load(caseIds: readonly string[]): Promise<Map<string, StoredCase>> {
    const found = new Map<string, StoredCase>();
    if (caseIds.length === 0) return found;
    if (this.loaded.size > MAX_LOADED) this.loaded.clear();
    for (const row of this.statements.load.iterate(JSON.stringify(caseIds))) {
      this.loaded.set(row.case_id, derivedFrom(row));
      found.set(row.case_id, storedCase(row));
    }
    return found;
  }

  async save(records: readonly CaseRecord[], checkpoint: Checkpoint): Promise<void> {
    this.saveTransaction(records, checkpoint);
  }

  async checkpoint(): Promise<Checkpoint | null> {
    return this.records.checkpoint();
  }

  private saveRecord(record: CaseRecord): void {
    const { caseId, summary } = record;
    // What the case's derived rows were made from, read before the upsert replaces it.
    const before = this.loaded.get(caseId) ?? this.readDerivedFrom(caseId);
    const row = queueRow(record);
    const values = queueValues(row);
    const written = this.statements.upsert.get(...values);
    if (!written) return; // already at this revision or later: a replay changes nothing
    const facts = JSON.stringify(record.facts);
    this.records.put(written.row_id, record, facts);
    this.loaded.delete(caseId);
    this.writeDerived(record, written.row_id, before ?? null, {
      kind: summary.kind,
      formality: summary.formality,
      categories: categoriesValue(values),
      people: peopleValue(values),
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
    if (before?.people !== now.people) {
      this.statements.deletePeople.run(caseId);
      for (const key of JSON.parse(now.people) as string[])
        this.statements.insertPerson.run(key, caseId);
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
}
