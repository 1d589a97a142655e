import { parse } from 'csv-parse/sync';
import { signInToConsole } from './support/console';
import { complaint, person, startTestApp, type TestApp } from './support/test-app';

const ann = person('ann', 'staff');
const olu = person('olu', 'operations-manager');
const quinn = person('quinn', 'quality');

const revisionIn = (html: string) => /name="revision" value="(\d+)"/.exec(html)![1];

describe('learning points', () => {
  let t: TestApp;
  beforeEach(async () => (t = await startTestApp({ now: '2026-12-07T09:00:00Z' })));
  afterEach(() => t.close());

  async function respondWithLearning(categories: string[], learning: string) {
    const id = await t.recordCase(
      ann,
      complaint({ categories, receivedAt: '2026-12-01T10:00:00Z' }),
    );
    const response = await t.http
      .post(`/api/v1/cases/${id}/respond`)
      .set(await t.auth(olu))
      .send({ summary: 'Sessions rebooked', outcome: 'upheld', learning });
    expect(response.status).toBe(200);
    expect(response.body.case.learningPoints).toEqual([
      { at: '2026-12-07T09:00:00.000Z', stage: 1, text: learning, saidWhen: 'responding' },
    ]);
    return response.body.reference as string;
  }

  it('are given when responding (API) or closing (console), and reported by theme as JSON, CSV and a page', async () => {
    await respondWithLearning(['mentoring'], 'Mentors confirm sessions the day before');
    const second = await respondWithLearning(['mentoring', 'timetabling'], '=cmd|stay text');
    const manager = await signInToConsole(t, olu);
    const form = await manager.get(`/cases/${second}/close`);
    expect(form.text).toContain('What we learned or changed (optional)');
    const closed = await manager.post(`/cases/${second}/close`, {
      revision: revisionIn(form.text),
      reason: 'resolved',
      learning: 'Timetable changes are now e-mailed to learners',
    });
    expect(closed.status).toBe(303);
    expect((await manager.get(`/cases/${second}`)).text).toContain(
      'What we learned or changed: Timetable changes are now e-mailed to learners',
    );

    const report = await t.http
      .get('/api/v1/reports/learning?from=2026-12&to=2026-12')
      .set(await t.auth(quinn));
    expect(report.status).toBe(200);
    expect(report.body.total).toBe(3);
    expect(
      report.body.themes.map((theme: { theme: string; points: unknown[] }) => [
        theme.theme,
        theme.points.length,
      ]),
    ).toEqual([
      ['mentoring', 3],
      ['timetabling', 2],
    ]);
    const csv = await t.http
      .get('/api/v1/reports/learning?from=2026-12&to=2026-12')
      .set(await t.auth(quinn))
      .set('Accept', 'text/csv');
    const [header, ...rows] = parse(csv.text, { bom: true }) as string[][];
    expect(header).toEqual([
      'Theme',
      'Case',
      'Said on',
      'Said when',
      'Stage',
      'What we learned or changed',
    ]);
    expect(rows).toHaveLength(5);
    expect(rows.map((row) => row[5])).toContain("'=cmd|stay text");

    const page = await (
      await signInToConsole(t, quinn)
    ).get('/reports/learning?from=2026-12&to=2026-12');
    expect(page.status).toBe(200);
    expect(page.text).toContain('3 learning points in 2 themes');
    expect(page.text).toContain('Mentors confirm sessions the day before');
    const download = await (
      await signInToConsole(t, quinn)
    ).get('/reports/learning.csv?from=2026-12&to=2026-12');
    expect(download.text).toBe(csv.text);
  });

  it('are for the people who read reports, and say what is wrong with the months asked for', async () => {
    expect((await t.http.get('/api/v1/reports/learning').set(await t.auth(ann))).status).toBe(403);
    expect((await (await signInToConsole(t, ann)).get('/reports/learning')).status).toBe(403);
    const backwards = await t.http
      .get('/api/v1/reports/learning?from=2026-12&to=2026-01')
      .set(await t.auth(quinn));
    expect(backwards.status).toBe(400);
    const page = await (await signInToConsole(t, quinn)).get('/reports/learning?from=December');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Enter a month like 2026-11');
  });

  it('are refused when longer than a note may be', async () => {
    const id = await t.recordCase(ann, complaint());
    const response = await t.http
      .post(`/api/v1/cases/${id}/respond`)
      .set(await t.auth(olu))
      .send({ summary: 'Done', outcome: 'upheld', learning: 'x'.repeat(2001) });
    expect(response.status).toBe(400);
    expect(response.body.errors[0].field).toBe('learning');
  });
});
