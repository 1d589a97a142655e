import type { QueueRow } from '../queue-row';

/**
 * The `cases` table's column for each field of a queue row, in the order values are
 * bound (by position, which better-sqlite3 does faster than by name). A field without a
 * column, or a column of no field, is a compile error.
 */
export const QUEUE_COLUMNS = {
  caseId: 'case_id',
  revision: 'revision',
  kind: 'kind',
  formality: 'formality',
  stage: 'stage',
  status: 'status',
  isOpen: 'is_open',
  ownerId: 'owner_id',
  recipientId: 'recipient_id',
  search: 'search',
  categories: 'categories',
  people: 'people',
  receivedAt: 'received_at',
  nextDueBy: 'next_due_by',
  dueAsc: 'due_asc',
  dueDesc: 'due_desc',
  sweepDue: 'sweep_due',
  autoCloseDue: 'auto_close_due',
  sameDayDue: 'same_day_due',
  retentionDue: 'retention_due',
  personalDataErasedAt: 'erased_at',
  legalHoldSince: 'legal_hold_since',
  outboxSince: 'outbox_since',
} as const satisfies { [field in keyof QueueRow]-?: string };

const FIELDS = Object.keys(QUEUE_COLUMNS) as Array<keyof QueueRow>;
const COLUMNS = FIELDS.map((field) => QUEUE_COLUMNS[field]);
const PLACEHOLDERS = COLUMNS.map(() => '?').join(', ');

type SqlValue = string | number | null;

/** A field as SQLite stores it: a flag as 0 or 1, categories as a JSON array. */
const sqlValue = (value: QueueRow[keyof QueueRow]): SqlValue =>
  typeof value === 'boolean' ? Number(value) : Array.isArray(value) ? JSON.stringify(value) : value;

/** The row's values in `QUEUE_COLUMNS` order. */
export const queueValues = (row: QueueRow): SqlValue[] =>
  FIELDS.map((field) => sqlValue(row[field]));

const CATEGORIES_AT = FIELDS.indexOf('categories');
const PEOPLE_AT = FIELDS.indexOf('people');

/** The categories among a row's values, as stored (a JSON array): not encoded twice. */
export const categoriesValue = (values: readonly SqlValue[]) => values[CATEGORIES_AT] as string;

/** The people's keys among a row's values, as stored (a JSON array). */
export const peopleValue = (values: readonly SqlValue[]) => values[PEOPLE_AT] as string;

export const INSERT_CASE = `INSERT INTO cases (${COLUMNS.join(', ')}) VALUES (${PLACEHOLDERS})`;

/** Binds the values and then the rowid. */
export const UPDATE_CASE = `UPDATE cases SET ${COLUMNS.map((column) => `${column} = ?`).join(', ')}
  WHERE rowid = ?`;

/** Guarded by revision: an older or equal one returns no row and changes nothing. */
export const UPSERT_CASE = `${INSERT_CASE}
  ON CONFLICT (case_id) DO UPDATE SET
    ${COLUMNS.filter((column) => column !== 'case_id')
      .map((column) => `${column} = excluded.${column}`)
      .join(', ')}
  WHERE excluded.revision > cases.revision
  RETURNING rowid AS row_id`;
