import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import type { Role } from '#domain';
import { commandsAt } from './support/commands-at';
import { complaint, person, startTestApp, type TestApp } from './support/test-app';

const staff = person('u-sam', 'staff');
const ops = person('u-olu', 'operations-manager');
const quality = person('u-quinn', 'quality');
const EXCEL = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** A category a spreadsheet would run as a formula if it were written as it was typed. */
const FORMULA = '=HYPERLINK("http://example.test","x")';

type Row = Record<string, string>;

/** A CSV body as rows keyed by its header. */
const csvRows = (text: string): Row[] => parse(text, { columns: true, bom: true });

/** Every sheet of a workbook as rows keyed by its header row, in order, every value as text. */
async function workbookRows(body: Buffer): Promise<Row[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  const rows: Row[] = [];
  workbook.eachSheet((sheet) => {
    const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
    sheet.eachRow((row, number) => {
      if (number === 1) return;
      const values = (row.values as unknown[]).slice(1);
      rows.push(
        Object.fromEntries(
          header.map((name, i) => [name, values[i] == null ? '' : `${values[i]}`]),
        ),
      );
    });
  });
  return rows;
}

/** The one row with these values, failing unless there is exactly one. */
function only(rows: Row[], match: Row): Row {
  const found = rows.filter((row) => Object.entries(match).every(([k, v]) => row[k] === v));
  expect({ match, found: found.length }).toEqual({ match, found: 1 });
  return found[0];
}

describe('report downloads: the CSV and the Excel workbook carry the JSON’s figures', () => {
  let api: TestApp;
  let commands: ReturnType<typeof commandsAt>;
  beforeAll(async () => {
    api = await startTestApp({ now: '2026-11-02T09:00:00Z' });
    commands = commandsAt(api);
    const { post } = commands;
    const receive = (at: string, body: object) =>
      post(at, staff, '/cases', complaint({ receivedAt: at, ...body }));
    const a = await receive('2026-11-02T09:00:00Z', { categories: ['fees', FORMULA] });
    await post('2026-11-03T09:00:00Z', staff, `/cases/${a.id}/acknowledge`, {});
    const b = await receive('2026-11-10T09:00:00Z', {
      formality: 'formal',
      channel: 'email',
      categories: ['mentoring'],
    });
    await post('2026-11-20T09:00:00Z', ops, `/cases/${b.id}/respond`, {
      summary: 'Explained',
      outcome: 'partially-upheld',
    });
    await receive('2026-12-01T09:00:00Z', { formality: 'formal', categories: ['fees'] });
    await receive('2026-12-02T09:00:00Z', {
      kind: 'compliment',
      channel: 'web-form',
      categories: ['mentoring'],
    });
    await post('2026-12-04T09:00:00Z', ops, `/cases/${a.id}/close`, { reason: 'resolved' });
    api.clock.set('2026-12-31T12:00:00Z');
  });
  afterAll(() => api.close());

  const get = async (path: string, accept?: string, actor = quality) => {
    const request = api.http.get(`/api/v1${path}`).set(await commands.readAs(actor));
    if (accept) request.set('Accept', accept);
    return request.buffer(true).parse((response, done) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => done(null, Buffer.concat(chunks)));
    });
  };
  const json = async (path: string) => JSON.parse((await get(path)).body.toString());
  /** The report as CSV rows and as workbook rows, after checking both are the same rows. */
  async function downloads(path: string): Promise<Row[]> {
    const csv = await get(path, 'text/csv');
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(/^attachment; filename=".+\.csv"$/);
    const excel = await get(path, EXCEL);
    expect(excel.status).toBe(200);
    expect(excel.headers['content-type']).toBe(EXCEL);
    expect(excel.headers['content-disposition']).toMatch(/^attachment; filename=".+\.xlsx"$/);
    const rows = csvRows(csv.body.toString());
    // The workbook has a sheet per section; the CSV defuses formulas, the workbook stores text.
    const sorted = (found: Row[]) => found.map((row) => JSON.stringify(row)).sort();
    const asText = rows.map((row) =>
      Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v.replace(/^'(?==)/, '')])),
    );
    expect(sorted(await workbookRows(excel.body))).toEqual(sorted(asText));
    return rows;
  }

  it('monthly: every month’s received, timeliness, outcomes, closures and medians, by stage name', async () => {
    const path = '/reports/monthly?from=2026-11&to=2026-12';
    const report = await json(path);
    const rows = await downloads(path);
    expect(Object.keys(rows[0])).toEqual([
      'Month',
      'Section',
      'Figure',
      'Stage',
      'Number',
      'Percentage',
    ]);
    for (const month of report.months) {
      const row = (match: Row) => only(rows, { Month: month.month, ...match });
      expect(row({ Section: 'Received', Figure: 'All feedback received' }).Number).toBe(
        String(month.received.total),
      );
      for (const [kind, count] of Object.entries(month.received.byKind))
        expect(
          row({ Section: 'Received by kind', Figure: kind[0].toUpperCase() + kind.slice(1) })
            .Number,
        ).toBe(String(count));
      for (const noun of ['acknowledgements', 'responses'] as const)
        for (const [stage, t] of Object.entries<Record<string, number>>(month[noun])) {
          const onTime = row({
            Section: noun[0].toUpperCase() + noun.slice(1),
            Figure: 'On time',
            Stage: report.stageNames[stage],
          });
          expect(Number(onTime.Number)).toBe(t.onTime);
          expect(Number(onTime.Percentage)).toBeCloseTo(t.onTimeRate * 100, 1);
        }
      const outcomes = rows.filter(
        (r) => r.Month === month.month && r.Section === 'Outcomes of responses',
      );
      expect(outcomes.map((r) => Number(r.Number))).toEqual(Object.values(month.outcomes));
      const closed = rows.filter((r) => r.Month === month.month && r.Section === 'Closed');
      expect(closed.reduce((n, r) => n + Number(r.Number), 0)).toBe(month.closed.total);
      for (const [stage, median] of Object.entries(month.medianWorkingDays.respond))
        expect(
          row({
            Section: 'Median working days',
            Figure: 'To respond',
            Stage: report.stageNames[stage],
          }).Number,
        ).toBe(String(median));
    }
    expect(report.months[0].responses['stage-2'].onTime).toBe(1);
    expect(rows.some((r) => /stage-\d/.test(Object.values(r).join(' ')))).toBe(false);
  });

  it('monthly: a category typed as a formula stays text in the CSV and in the workbook', async () => {
    const path = '/reports/monthly?month=2026-11';
    const csv = (await get(path, 'text/csv')).body.toString();
    expect(csv).toContain(`"'=HYPERLINK(""http://example.test"",""x"")"`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await get(path, EXCEL)).body as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('Received by category')!;
    const cells = sheet.getColumn(3).values as unknown[];
    expect(cells).toContain(FORMULA);
    expect(cells.some((value) => typeof value === 'object' && value !== null)).toBe(false);
  });

  it('annual: the figures, what each counts, and totals that reconcile', async () => {
    const report = await json('/reports/annual?year=2026');
    const rows = await downloads('/reports/annual?year=2026');
    expect(Object.keys(rows[0])).toEqual([
      'Year',
      'Section',
      'Figure',
      'Stage',
      'Number',
      'Percentage',
      'What it counts',
    ]);
    const received = only(rows, { Section: 'Formal complaints received' });
    expect(received.Number).toBe(String(report.formalComplaintsReceived));
    expect(received['What it counts']).toBe(report.definitions.formalComplaintsReceived);
    const section = (name: string) => rows.filter((r) => r.Section === name);
    const total = (found: Row[]) => found.reduce((n, r) => n + Number(r.Number), 0);
    expect(total(section('Final outcome'))).toBe(report.formalComplaintsReceived);
    expect(total(section('Furthest stage reached'))).toBe(report.formalComplaintsReceived);
    for (const [stage, count] of Object.entries(report.furthestStage))
      expect(
        only(rows, { Section: 'Furthest stage reached', Stage: report.stageNames[stage] }).Number,
      ).toBe(String(count));
    expect(only(rows, { Section: 'Referred to the external body' }).Number).toBe(
      String(report.referredExternally),
    );
    expect(report).toMatchObject({
      formalComplaintsReceived: 2,
      finalOutcomes: { 'partially-upheld': 1, 'no-response': 1 },
    });
    for (const row of rows) expect(row['What it counts']).not.toBe('');
  });

  it('themes: each category’s cases in each month', async () => {
    const path = '/reports/themes?from=2026-11&to=2026-12';
    const report = await json(path);
    const rows = await downloads(path);
    expect(Object.keys(rows[0])).toEqual(['Month', 'Category', 'Cases']);
    expect(rows).toHaveLength(report.months.length * report.categories.length);
    for (const { category, byMonth } of report.categories)
      for (const [month, count] of Object.entries(byMonth)) {
        const shown = category.startsWith('=') ? `'${category}` : category;
        expect(only(rows, { Month: month, Category: shown }).Cases).toBe(String(count));
      }
    expect(report.categories[0]).toMatchObject({ category: 'fees', total: 2 });
  });

  describe('Accept', () => {
    const typeOf = async (accept: string) => (await get('/reports/themes', accept)).type;

    it('takes the type with the highest q-value', async () => {
      expect(await typeOf('text/csv;q=0.5, application/json')).toBe('application/json');
      expect(await typeOf('application/json;q=0.1, text/csv')).toBe('text/csv');
      expect(await typeOf(`text/csv;q=0.8, ${EXCEL};q=0.9`)).toBe(EXCEL);
      expect(await typeOf('*/*')).toBe('application/json');
      expect(await typeOf('text/*')).toBe('text/csv');
    });

    it.each(['application/xml', 'application/json;q=0', 'text/html, image/png'])(
      'answers 406 as problem+json for %s',
      async (accept) => {
        for (const path of ['/reports/monthly', '/reports/annual', '/reports/themes']) {
          const response = await get(path, accept);
          expect(response.status).toBe(406);
          expect(response.type).toBe('application/problem+json');
          expect(JSON.parse(response.body.toString())).toMatchObject({
            status: 406,
            code: 'not-acceptable',
            title: 'Not acceptable',
          });
        }
      },
    );
  });

  describe('who may read them', () => {
    it.each<Role>(['quality', 'operations-manager', 'senior-manager', 'auditor'])(
      'gives %s every report in every type',
      async (role) => {
        const reader = person(`u-${role}`, role);
        for (const path of ['/reports/monthly', '/reports/annual', '/reports/themes'])
          for (const accept of ['application/json', 'text/csv', EXCEL])
            expect((await get(path, accept, reader)).status).toBe(200);
      },
    );

    it.each<Role>(['staff', 'admin'])('refuses %s with 403, whatever the type', async (role) => {
      const other = person(`u-${role}`, role);
      for (const path of ['/reports/monthly', '/reports/annual', '/reports/themes'])
        for (const accept of ['application/json', 'text/csv', EXCEL])
          expect((await get(path, accept, other)).status).toBe(403);
    });
  });
});
