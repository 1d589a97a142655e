import type Database from 'better-sqlite3';
import type { Case } from '#domain';
import type { Fact } from '../case-facts';
import type { CaseRecord, StoredCase } from '../case-record';
import { checkpointFrom, storedCheckpoint, type Checkpoint } from '../read-model.port';

/** What a writer reads back of a case: what the projector goes on from, and what its derived rows were made from. */
export interface LoadedRow {
  case_id: string;
  revision: number;
  kind: Case['kind'];
  formality: Case['formality'];
  search: string;
  categories: string;
  people: string;
  state: string;
  facts: string;
  event_facts: number;
}

export const LOADED_COLUMNS =
  'c.case_id, c.revision, c.kind, c.formality, c.search, c.categories, c.people, r.facts, r.event_facts';

export const storedCase = (row: LoadedRow): StoredCase => ({
  caseId: row.case_id,
  revision: row.revision,
  state: JSON.parse(row.state) as Case,
  eventFacts: (JSON.parse(row.facts) as Fact[]).slice(0, row.event_facts),
});

/**
 * The `case_records` table (a case's state and facts, under its queue row's rowid) and
 * the `checkpoint` row: what both write modes of a generation write alike.
 */
export class SqliteCaseRecords {
  private readonly statements;

  constructor(db: Database.Database) {
    this.statements = {
      put: db.prepare<[number, string, string, number]>(
        'INSERT OR REPLACE INTO case_records (rowid, state, facts, event_facts) VALUES (?, ?, ?, ?)',
      ),
      checkpoint: db.prepare<
        [],
        { commit_position: string; prepare_position: string; events: number }
      >('SELECT commit_position, prepare_position, events FROM checkpoint WHERE id = 1'),
      setCheckpoint: db.prepare<[string, string, number]>(
        `INSERT INTO checkpoint (id, commit_position, prepare_position, events) VALUES (1, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET commit_position = excluded.commit_position,
           prepare_position = excluded.prepare_position, events = excluded.events`,
      ),
    };
  }

  /** `facts`: the record's facts as JSON, made once by the caller. */
  put(rowId: number, record: CaseRecord, facts: string): void {
    this.statements.put.run(rowId, JSON.stringify(record.state), facts, record.eventFacts.length);
  }

  checkpoint(): Checkpoint | null {
    const row = this.statements.checkpoint.get();
    return row
      ? checkpointFrom({
          commit: row.commit_position,
          prepare: row.prepare_position,
          events: row.events,
        })
      : null;
  }

  moveCheckpoint(checkpoint: Checkpoint): void {
    const { commit, prepare, events } = storedCheckpoint(checkpoint);
    this.statements.setCheckpoint.run(commit, prepare, events);
  }
}
