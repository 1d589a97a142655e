import ExcelJS from 'exceljs';
import { reportFile, tableCsv, tableWorkbook } from './report-export';
import type { ReportTable } from './report-tables';

const table: ReportTable = {
  title: 'Themes, 2026-11 to 2026-11',
  fileName: 'clf-themes-2026-11-to-2026-11',
  columns: [
    { key: 'section', header: 'Section' },
    { key: 'figure', header: 'Figure' },
    { key: 'number', header: 'Number' },
  ],
  rows: [
    { section: 'Received', figure: 'All feedback', number: 3 },
    { section: 'Received by category', figure: '=HYPERLINK("http://x.test","x")', number: 1 },
    { section: 'Received by category', figure: 'said "no", then left', number: null },
  ],
  sheetsBy: 'section',
};

describe('report downloads', () => {
  it('writes CSV with headed columns, every cell quoted, formulas defused, nothing as empty', () => {
    expect(tableCsv(table)).toBe(
      [
        '"Section","Figure","Number"',
        '"Received","All feedback","3"',
        `"Received by category","'=HYPERLINK(""http://x.test"",""x"")","1"`,
        '"Received by category","said ""no"", then left",""',
        '',
      ].join('\r\n'),
    );
  });

  it('writes a workbook with a sheet per section, each headed, numbers as numbers and text as text', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(
      (await tableWorkbook(table, new Date('2026-12-01T10:00:00Z'))) as unknown as ArrayBuffer,
    );
    expect(workbook.title).toBe(table.title);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      'Received',
      'Received by category',
    ]);
    const categories = workbook.getWorksheet('Received by category')!;
    expect(categories.getRow(1).values).toEqual([undefined, 'Section', 'Figure', 'Number']);
    expect(categories.getRow(2).values).toEqual([
      undefined,
      'Received by category',
      '=HYPERLINK("http://x.test","x")',
      1,
    ]);
    expect(categories.getCell('B2').type).toBe(ExcelJS.ValueType.String);
  });

  it('names the download for the report and says what it holds, a CSV marked as UTF-8 for Excel', async () => {
    const csv = await reportFile(table, 'csv', new Date());
    const body = await new Promise<Buffer>((resolve) => {
      const chunks: Buffer[] = [];
      csv.getStream().on('data', (chunk: Buffer) => chunks.push(chunk));
      csv.getStream().on('end', () => resolve(Buffer.concat(chunks)));
    });
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(body.subarray(3).toString()).toBe(tableCsv(table));
    expect(csv.getHeaders()).toMatchObject({
      type: 'text/csv; charset=utf-8',
      disposition: 'attachment; filename="clf-themes-2026-11-to-2026-11.csv"',
    });
    const excel = await reportFile(table, 'xlsx', new Date());
    expect(excel.getHeaders()).toMatchObject({
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      disposition: 'attachment; filename="clf-themes-2026-11-to-2026-11.xlsx"',
    });
  });
});
