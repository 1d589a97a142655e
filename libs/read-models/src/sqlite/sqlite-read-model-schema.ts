import type Database from 'better-sqlite3';
import { mustEmpty, READ_MODEL_SCHEMA_VERSION } from '../read-model-schema-version';

/**
 * The tables of one SQLite generation of the read models.
 *
 * `cases` is the queue: one narrow row per case holding only what filters and sorts read
 * (about 300 bytes), so index walks and scans touch few pages. The case's state and facts
 * as JSON (about 1.7 kB) live in `case_records`, under the same rowid, read only for the
 * cases a batch goes on from and the rows a page returns (their summaries follow from the
 * state). Everything else is derived from these two tables.
 */
const TABLES = `
CREATE TABLE IF NOT EXISTS cases (
  case_id        TEXT NOT NULL, -- unique: see cases_case_id
  revision       INTEGER NOT NULL,
  kind           TEXT NOT NULL,
  formality      TEXT,
  stage          INTEGER,
  status         TEXT NOT NULL,
  is_open        INTEGER NOT NULL,
  owner_id       TEXT,
  recipient_id   TEXT NOT NULL,
  -- What q searches (caseSearchText), lower case: scanned for text too short for trigrams.
  search         TEXT NOT NULL,
  -- The case's categories, a JSON array (case_categories is made from it).
  categories     TEXT NOT NULL,
  -- Who the case is about (personKeysOf), a JSON array (case_people is made from it).
  people         TEXT NOT NULL,
  received_at    TEXT NOT NULL,
  next_due_by    TEXT,
  due_asc        TEXT NOT NULL,
  due_desc       TEXT NOT NULL,
  -- From when each scheduled job has work on the case (null: none).
  sweep_due      TEXT,
  auto_close_due TEXT,
  same_day_due   TEXT,
  retention_due  TEXT,
  -- Data protection: when its personal data was erased, and since when it is held.
  erased_at      TEXT,
  legal_hold_since TEXT,
  -- When the oldest e-mail the outbox holds for the case was written (null: none).
  outbox_since   TEXT
);
-- Its rowid is the case row's rowid. facts: every fact of the case, the first
-- event_facts of them added by events, the rest following from the state.
CREATE TABLE IF NOT EXISTS case_records (
  state       TEXT NOT NULL,
  facts       TEXT NOT NULL,
  event_facts INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS case_categories (
  category TEXT NOT NULL, case_id TEXT NOT NULL, PRIMARY KEY (category, case_id)
) WITHOUT ROWID;
-- A subject access request's lookup: the cases a person (by e-mail, phone or name) is in.
CREATE TABLE IF NOT EXISTS case_people (
  key TEXT NOT NULL, case_id TEXT NOT NULL, PRIMARY KEY (key, case_id)
) WITHOUT ROWID;
-- Report facts, counted: how many facts of cases of this kind and formality (the empty
-- string for none) had this month, metric and value. Reports add up a few thousand rows
-- rather than a row per fact, and working days keep every value for medians.
CREATE TABLE IF NOT EXISTS fact_counts (
  month TEXT NOT NULL,
  metric TEXT NOT NULL,
  kind TEXT NOT NULL,
  formality TEXT NOT NULL,
  value INTEGER NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (month, metric, kind, formality, value)
) WITHOUT ROWID;
-- Substring search over each case's search text (trigrams: any 3+ characters).
-- Its rowid is the case row's rowid. Contentless: only rowids are ever read back.
CREATE VIRTUAL TABLE IF NOT EXISTS case_search USING fts5(
  text, tokenize = 'trigram', content = '', contentless_delete = 1
);
CREATE TABLE IF NOT EXISTS checkpoint (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  commit_position TEXT NOT NULL,
  prepare_position TEXT NOT NULL,
  events INTEGER NOT NULL
);
`;

/**
 * Indexes. A generation being rebuilt has none (it writes only `cases` and `case_records`,
 * by rowid, and remembers where each case is); they are built in one sort each once it has
 * caught up, which is far cheaper than keeping them up to date row by row — case ids, for
 * one, arrive in random order.
 */
export const INDEXES = `
CREATE UNIQUE INDEX IF NOT EXISTS cases_case_id ON cases (case_id);
CREATE INDEX IF NOT EXISTS cases_open_due_asc ON cases (is_open, due_asc, case_id);
CREATE INDEX IF NOT EXISTS cases_open_due_desc ON cases (is_open, due_desc, case_id);
CREATE INDEX IF NOT EXISTS cases_open_received ON cases (is_open, received_at, case_id);
CREATE INDEX IF NOT EXISTS cases_due_asc ON cases (due_asc, case_id);
CREATE INDEX IF NOT EXISTS cases_received ON cases (received_at, case_id);
CREATE INDEX IF NOT EXISTS cases_owner ON cases (owner_id, is_open, due_asc);
-- Covers the dashboard's and the worklist tabs' counts of open cases: read from the index alone.
CREATE INDEX IF NOT EXISTS cases_open_counts ON cases (is_open, kind, stage, status, next_due_by, owner_id);
CREATE INDEX IF NOT EXISTS cases_recipient ON cases (recipient_id, is_open, due_asc);
CREATE INDEX IF NOT EXISTS cases_sweep_due ON cases (sweep_due, case_id) WHERE sweep_due IS NOT NULL;
CREATE INDEX IF NOT EXISTS cases_auto_close_due ON cases (auto_close_due, case_id) WHERE auto_close_due IS NOT NULL;
CREATE INDEX IF NOT EXISTS cases_same_day_due ON cases (same_day_due, case_id) WHERE same_day_due IS NOT NULL;
-- Closed, not erased, not held cases by the end of their retention: the retention job's candidates.
CREATE INDEX IF NOT EXISTS cases_retention_due ON cases (retention_due, case_id) WHERE retention_due IS NOT NULL;
CREATE INDEX IF NOT EXISTS cases_legal_hold ON cases (legal_hold_since, case_id) WHERE legal_hold_since IS NOT NULL;
CREATE INDEX IF NOT EXISTS cases_outbox_since ON cases (outbox_since, case_id) WHERE outbox_since IS NOT NULL;
-- Writes replace a case's category rows by case id.
CREATE INDEX IF NOT EXISTS case_categories_case ON case_categories (case_id);
CREATE INDEX IF NOT EXISTS case_people_case ON case_people (case_id);
`;

/**
 * What a rebuilt generation left out while it caught up — category and search rows — made
 * in bulk from the queue rows, inside SQLite. (Fact counts are added up in the store.)
 */
export const FILL_DERIVED = `
-- Empty unless the file held cases before it was opened to be rebuilt.
DELETE FROM case_categories;
DELETE FROM case_people;
INSERT INTO case_search (case_search) VALUES ('delete-all');
-- In key order: appending to the index is far cheaper than inserting all over it.
INSERT OR IGNORE INTO case_categories (category, case_id)
  SELECT category.value, cases.case_id FROM cases, json_each(cases.categories) AS category
  ORDER BY 1, 2;
INSERT OR IGNORE INTO case_people (key, case_id)
  SELECT person.value, cases.case_id FROM cases, json_each(cases.people) AS person
  ORDER BY 1, 2;
INSERT INTO case_search (rowid, text) SELECT rowid, search FROM cases;
`;

const DERIVED_TABLES = [
  'cases',
  'case_records',
  'case_categories',
  'case_people',
  'facts', // the table of schema version 2
  'fact_counts',
  'case_search',
  'checkpoint',
];

/**
 * Empties a file of another schema version (see `mustEmpty`), then makes sure of the
 * tables and, unless the generation is being rebuilt, the indexes.
 */
export function prepareTables(
  db: Database.Database,
  { building, migrate }: { building: boolean; migrate: boolean },
): void {
  if (mustEmpty(db.pragma('user_version', { simple: true }) as number, migrate)) {
    for (const table of DERIVED_TABLES) db.exec(`DROP TABLE IF EXISTS ${table}`);
    db.pragma(`user_version = ${READ_MODEL_SCHEMA_VERSION}`);
  }
  db.exec(TABLES);
  if (!building) db.exec(INDEXES);
}
