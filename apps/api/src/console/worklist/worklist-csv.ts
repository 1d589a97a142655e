import type { CaseSummary } from '#read-models';
import { instantInWords } from '../rendering/people-time';

/** A download holds at most this many cases: more is a report, not a worklist. */
export const CSV_ROW_LIMIT = 5000;

const COLUMNS: Array<[string, (row: CaseSummary, timeZone: string) => string]> = [
  ['Reference', (row) => row.reference],
  ['Received', (row, zone) => instantInWords(row.receivedAt, zone)],
  ['Kind', (row) => row.kind],
  ['Stage', (row) => row.stageName ?? ''],
  ['Status', (row) => row.status],
  ['Summary', (row) => row.summary],
  ['From', (row) => row.complainant],
  ['Owner', (row) => row.owner?.name ?? ''],
  [
    'Next deadline',
    (row, zone) => (row.nextDeadline ? instantInWords(row.nextDeadline.dueBy, zone) : ''),
  ],
  ['Categories', (row) => row.categories.join('; ')],
];

/**
 * A cell as a spreadsheet will read it: quoted, and text a spreadsheet would run as a
 * formula (=, +, -, @, tab, return) prefixed with an apostrophe.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

export function worklistCsv(rows: CaseSummary[], timeZone: string): string {
  const lines = [COLUMNS.map(([name]) => csvCell(name)).join(',')];
  for (const row of rows)
    lines.push(COLUMNS.map(([, value]) => csvCell(value(row, timeZone))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
