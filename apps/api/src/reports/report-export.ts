import { StreamableFile } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { csvCell } from '../console/worklist/worklist-csv';
import type { Cell, ReportTable } from './report-tables';

export const CSV_MEDIA_TYPE = 'text/csv';
export const EXCEL_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const text = (cell: Cell) => (cell === null ? '' : String(cell));

/** The table as CSV: a header row, then a row per figure, every cell quoted and defused. */
export function tableCsv(table: ReportTable): string {
  const lines = [table.columns.map(({ header }) => csvCell(header)).join(',')];
  for (const row of table.rows)
    lines.push(table.columns.map(({ key }) => csvCell(text(row[key]))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** Excel's rules for a sheet's name: at most 31 characters, none of : \ / ? * [ ]. */
const sheetName = (name: string) => name.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31);

/**
 * The table as an Excel workbook: a sheet per section (or one sheet), each with the
 * table's headed columns. Text is written as text, never as a formula, so a category typed
 * as "=HYPERLINK(…)" stays what it is.
 */
export async function tableWorkbook(table: ReportTable, producedAt: Date): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.title = table.title;
  workbook.created = producedAt;
  const sheets = new Map<string, Array<Record<string, Cell>>>();
  for (const row of table.rows) {
    const name = table.sheetsBy ? text(row[table.sheetsBy]) : table.title;
    const rows = sheets.get(name) ?? [];
    rows.push(row);
    sheets.set(name, rows);
  }
  if (sheets.size === 0) sheets.set(table.title, []);
  for (const [name, rows] of sheets) {
    const sheet = workbook.addWorksheet(sheetName(name));
    sheet.columns = table.columns.map(({ key, header }) => ({
      key,
      header,
      width: Math.max(header.length + 2, key === 'definition' ? 80 : 24),
    }));
    sheet.getRow(1).font = { bold: true };
    for (const row of rows) sheet.addRow(table.columns.map(({ key }) => row[key] ?? null));
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * Leads a CSV download so that Excel, opening the file, reads it as UTF-8 (it takes a file
 * without it for the system's legacy code page and garbles “ ” and accents).
 */
const BYTE_ORDER_MARK = '\uFEFF';

/** The download of a report's table: its CSV (marked as UTF-8) or its workbook. */
export async function reportFile(
  table: ReportTable,
  format: 'csv' | 'xlsx',
  producedAt: Date,
): Promise<StreamableFile> {
  const excel = format === 'xlsx';
  const body = excel
    ? await tableWorkbook(table, producedAt)
    : Buffer.from(BYTE_ORDER_MARK + tableCsv(table));
  return new StreamableFile(body, {
    type: excel ? EXCEL_MEDIA_TYPE : `${CSV_MEDIA_TYPE}; charset=utf-8`,
    disposition: `attachment; filename="${table.fileName}.${format}"`,
  });
}
