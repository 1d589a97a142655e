import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import type { Role } from '#domain';
import { signInToConsole } from './support/console';
import { commandsAt } from './support/commands-at';
import { complaint, person, startTestApp, type TestApp } from './support/test-app';

const staff = person('u-sam', 'staff');
const ops = person('u-olu', 'operations-manager');
const quality = person('u-quinn', 'quality');

describe('the report pages: monthly, annual and themes, on screen and as downloads', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ now: '2026-11-02T09:00:00Z' });
    const commands = commandsAt(t);
    const { post } = commands;
    const a = await post(
      '2026-11-02T09:00:00Z',
      staff,
      '/cases',
      complaint({ categories: ['fees'], summary: 'Charged twice' }),
    );
    await post('2026-11-03T09:00:00Z', staff, `/cases/${a.id}/acknowledge`, {});
    const b = await post(
      '2026-11-10T09:00:00Z',
      staff,
      '/cases',
      complaint({
        formality: 'formal',
        channel: 'email',
        categories: ['fees'],
        summary: 'Late refund',
      }),
    );
    await post('2026-11-20T09:00:00Z', ops, `/cases/${b.id}/respond`, {
      summary: 'Refunded',
      outcome: 'upheld',
    });
    await post('2026-11-24T09:00:00Z', ops, `/cases/${a.id}/close`, { reason: 'resolved' });
    t.clock.set('2026-12-01T10:00:00Z');
    // The projections are a moment behind: wait for them through the API once.
    const caughtUp = await t.http.get('/api/v1/reports/themes').set(await commands.readAs(quality));
    expect(caughtUp.status).toBe(200);
  });
  afterAll(() => t.close());

  it('lists the three reports on /reports and offers them in the navigation', async () => {
    const page = await (await signInToConsole(t, quality)).get('/reports');
    expect(page.status).toBe(200);
    for (const href of ['/reports/monthly', '/reports/annual', '/reports/themes'])
      expect(page.text).toContain(`href="${href}"`);
    expect(page.text).toMatch(/href="\/reports" aria-current="true">\s*<strong[^>]*>Reports/);
  });

  it('shows the monthly figures in words, with stage names, percentages and when they were produced', async () => {
    const page = await (await signInToConsole(t, quality)).get('/reports/monthly?month=2026-11');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<h1 class="govuk-heading-l">Monthly report, 2026-11</h1>');
    expect(page.text).toContain('produced Tue 1 Dec 2026, 10:00am');
    expect(page.text).toContain('Formal written complaint');
    expect(page.text).toContain('Local resolution');
    expect(page.text).toContain('1 (100%)');
    expect(page.text).not.toMatch(/stage-\d/);
    expect(page.text).toContain('href="/reports/monthly.csv?from=2026-11&amp;to=2026-11"');
    expect(page.text).toContain('href="/reports/monthly.xlsx?from=2026-11&amp;to=2026-11"');
  });

  it('shows a run of months with a column each and one for them all', async () => {
    const page = await (
      await signInToConsole(t, quality)
    ).get('/reports/monthly?from=2026-10&to=2026-12');
    for (const column of ['Oct 2026', 'Nov 2026', 'Dec 2026', 'All months'])
      expect(page.text).toContain(`>${column}</th>`);
  });

  it('says what is wrong with a month typed badly, and shows this month instead', async () => {
    const page = await (
      await signInToConsole(t, quality)
    ).get('/reports/monthly?from=November&to=2026-11');
    expect(page.status).toBe(200);
    expect(page.text).toContain('There is a problem');
    expect(page.text).toContain('Enter a month like 2026-11');
    const backwards = await (
      await signInToConsole(t, quality)
    ).get('/reports/monthly?from=2026-12&to=2026-01');
    expect(backwards.text).toContain('From must not be after to');
    expect(backwards.text).toContain('Monthly report, 2026-12');
  });

  it('downloads the monthly figures as CSV and Excel, the same rows in both', async () => {
    const quinn = await signInToConsole(t, quality);
    const csv = await quinn.get('/reports/monthly.csv?month=2026-11');
    expect(csv.status).toBe(200);
    expect(csv.headers['content-disposition']).toBe(
      'attachment; filename="clf-monthly-2026-11.csv"',
    );
    const rows = parse(csv.text, { columns: true, bom: true }) as Array<Record<string, string>>;
    expect(rows).toContainEqual({
      Month: '2026-11',
      Section: 'Responses',
      Figure: 'On time',
      Stage: 'Formal written complaint',
      Number: '1',
      Percentage: '100',
    });
    const excel = await quinn
      .get('/reports/monthly.xlsx?month=2026-11')
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(excel.body as ArrayBuffer);
    const sheetRows = workbook.worksheets.reduce((n, sheet) => n + sheet.rowCount - 1, 0);
    expect(sheetRows).toBe(rows.length);
    expect(workbook.getWorksheet('Responses')!.getRow(2).values).toEqual([
      undefined,
      '2026-11',
      'Responses',
      'On time',
      'Formal written complaint',
      1,
      100,
    ]);
    expect((await quinn.get('/reports/monthly.pdf')).status).toBe(404);
  });

  it('shows the annual report with what each figure counts', async () => {
    const page = await (await signInToConsole(t, quality)).get('/reports/annual?year=2026');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Annual report of formal complaints, 2026');
    expect(page.text).toContain('Final outcome');
    expect(page.text).toContain('Furthest stage reached');
    expect(page.text).toContain('these add up to the complaints received');
    const csv = await (await signInToConsole(t, quality)).get('/reports/annual.csv?year=2026');
    expect(csv.text.split('\r\n')[0]).toBe(
      '\uFEFF"Year","Section","Figure","Stage","Number","Percentage","What it counts"',
    );
  });

  it('shows themes by month, each count linked to the cases behind it, listed and downloadable', async () => {
    const quinn = await signInToConsole(t, quality);
    const page = await quinn.get('/reports/themes?from=2026-10&to=2026-11');
    expect(page.status).toBe(200);
    const link = '/reports/themes/cases?category=fees&amp;month=2026-11';
    expect(page.text).toContain(`href="${link}"`);
    const cases = await quinn.get(link.replace('&amp;', '&'));
    expect(cases.status).toBe(200);
    expect(cases.text).toContain('Charged twice'); // closed, yet behind the count
    expect(cases.text).toContain('Late refund');
    expect(cases.text).toContain(
      'href="/?tab=closed&amp;category=fees&amp;receivedFrom=2026-11-01&amp;receivedTo=2026-11-30"',
    );
    const csv = await quinn.get('/reports/themes/cases.csv?category=fees&month=2026-11');
    const rows = parse(csv.text, { columns: true }) as Array<Record<string, string>>;
    expect(rows.map((row) => row.Summary).sort()).toEqual(['Charged twice', 'Late refund']);
    const bad = await quinn.get('/reports/themes/cases?category=fees&month=November');
    expect(bad.status).toBe(400);
    const later = await quinn.get('/reports/themes?from=2027-05');
    expect(later.status).toBe(200);
    expect(later.text).toContain('From must not be after to');
    expect(later.text).toContain('Themes, 2026-01 to 2026-12');
    const table = await quinn.get('/reports/themes.csv?from=2026-10&to=2026-11');
    expect(table.text).toContain('"2026-11","fees","2"');
  });

  it.each<Role>(['staff', 'admin'])(
    'shows %s the not-allowed page for every report address',
    async (role) => {
      const visitor = await signInToConsole(t, person(`u-${role}`, role));
      for (const path of [
        '/reports',
        '/reports/monthly',
        '/reports/monthly.csv',
        '/reports/annual',
        '/reports/annual.xlsx',
        '/reports/themes',
        '/reports/themes.csv',
        '/reports/themes/cases?category=fees&month=2026-11',
        '/reports/themes/cases.csv?category=fees&month=2026-11',
      ]) {
        const page = await visitor.get(path);
        expect({ path, status: page.status }).toEqual({ path, status: 403 });
        expect(page.text).toContain('You cannot do that');
      }
      const home = await visitor.get('/account');
      expect(home.text).not.toMatch(/href="\/reports"/);
    },
  );
});
