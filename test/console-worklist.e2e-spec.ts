import { signInToConsole } from './support/console';
import { complaint, person, startTestApp, type TestApp } from './support/test-app';

const ann = person('ann', 'staff');
const bob = person('bob', 'staff');
const olu = person('olu', 'operations-manager');

describe('the worklist', () => {
  let t: TestApp;
  beforeEach(async () => (t = await startTestApp({ now: '2026-12-07T09:00:00Z' })));
  afterEach(() => t.close());

  const record = (actor = ann, overrides: Record<string, unknown> = {}) =>
    t.recordCase(actor, complaint({ receivedAt: '2026-12-07T08:00:00Z', ...overrides }));

  it('lists what a manager may see, with each tab’s count and the next deadline in working days', async () => {
    await record(ann, { summary: 'Mentor missed two sessions' });
    await record(bob, { summary: 'Portfolio marked late', receivedAt: '2026-11-20T10:00:00Z' });
    const manager = await signInToConsole(t, olu);
    const page = await manager.get('/');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Mentor missed two sessions');
    expect(page.text).toContain('Portfolio marked late');
    expect(page.text).toContain('Unassigned (2)');
    expect(page.text).toContain('All open (2)');
    expect(page.text).toMatch(/Overdue \(1\)/);
    expect(page.text).toMatch(/due in \d working days?/);
    expect(page.text).toMatch(/\d working days? late/);
    const overdue = await manager.get('/?tab=overdue');
    expect(overdue.text).toContain('Portfolio marked late');
    expect(overdue.text).not.toContain('Mentor missed two sessions');
  });

  it('shows a member of staff only the cases they received or own, as the API does', async () => {
    await record(ann, { summary: 'Ann’s case' });
    await record(bob, { summary: 'Bob’s case' });
    const page = await (await signInToConsole(t, ann)).get('/?tab=mine');
    expect(page.text).toContain('Ann’s case');
    expect(page.text).not.toContain('Bob’s case');
    expect((await (await signInToConsole(t, ann)).get('/')).text).not.toContain('Bob’s case');
  });

  it('filters by text and kind from the address, and says what it could not use', async () => {
    await record(ann, { summary: 'Mentor missed two sessions' });
    await record(ann, { summary: 'Great support', kind: 'compliment', formality: undefined });
    const manager = await signInToConsole(t, olu);
    const found = await manager.get('/?q=mentor');
    expect(found.text).toContain('Mentor missed two sessions');
    expect(found.text).not.toContain('Great support');
    const bad = await manager.get('/?kind=rumour&receivedFrom=yesterday');
    expect(bad.status).toBe(200);
    expect(bad.text).toContain('Choose a kind of feedback from the list');
    expect(bad.text).toContain('Enter a date like 2026-12-31');
  });

  it('filters by status, and lists the cases behind a report figure whatever their status', async () => {
    const acknowledged = await record(ann, { summary: 'Acknowledged and closed' });
    await record(ann, { summary: 'Still waiting' });
    for (const [path, body] of [
      ['acknowledge', {}],
      ['close', { reason: 'withdrawn' }],
    ] as const)
      expect(
        (
          await t.http
            .post(`/api/v1/cases/${acknowledged}/${path}`)
            .set(await t.auth(olu))
            .send(body)
        ).status,
      ).toBe(200);
    const manager = await signInToConsole(t, olu);
    const waiting = await manager.get('/?status=open');
    expect(waiting.text).toContain('Still waiting');
    expect(waiting.text).not.toContain('Acknowledged and closed');
    const behind = await manager.get('/?figure=acknowledgements.stage-1&period=2026-12');
    expect(behind.text).toContain('Acknowledged and closed');
    expect(behind.text).not.toContain('Still waiting');
    expect(behind.text).toMatch(/acknowledgements at [^,<]+<\/strong>, Dec 2026/);
    const bad = await manager.get('/?figure=responses&period=someday&status=lost');
    expect(bad.status).toBe(200);
    expect(bad.text).toContain('That report figure cannot be shown');
    expect(bad.text).toContain('Choose a status from the list');
  });

  it('shows what people typed as text, never as markup', async () => {
    await record(ann, { summary: '<script>alert(1)</script>' });
    const page = await (await signInToConsole(t, olu)).get('/');
    expect(page.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page.text).not.toContain('<script>alert(1)</script>');
  });

  it('downloads the list as CSV with headed columns, safe from spreadsheet formulas', async () => {
    await record(ann, { summary: '=HYPERLINK("http://evil.example")' });
    const csv = await (await signInToConsole(t, olu)).get('/worklist.csv');
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const [header, row] = csv.text.split('\r\n');
    expect(header).toBe(
      '"Reference","Received","Kind","Stage","Status","Summary","From","Owner","Next deadline","Categories"',
    );
    expect(row).toContain('"\'=HYPERLINK(""http://evil.example"")"');
  });

  it('pages with the cursor', async () => {
    for (let i = 0; i < 52; i++) await record(ann, { summary: `Case number ${i}` });
    const manager = await signInToConsole(t, olu);
    const first = await manager.get('/');
    const next = /href="([^"]*cursor=[^"]+)"/.exec(first.text)![1].replace(/&amp;/g, '&');
    const second = await manager.get(next);
    expect(second.status).toBe(200);
    expect((second.text.match(/href="\/cases\/DMM-/g) ?? []).length).toBe(2);
  });
});
