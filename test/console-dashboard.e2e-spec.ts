import { parseHTML } from 'linkedom';
import { signInToConsole } from './support/console';
import { forgeEvent, loseCaseKey } from './support/tampering';
import { complaint, person, startTestApp, type TestApp } from './support/test-app';

const ann = person('ann', 'staff');
const bob = person('bob', 'staff');
const olu = person('olu', 'operations-manager');
const ada = person('ada', 'admin');

/** The dashboard's links, by the words a screen reader hears for them. */
function links(html: string): Map<string, string> {
  const { document } = parseHTML(html);
  return new Map(
    [...document.querySelectorAll('main a')].map((a) => [
      a.textContent!.replace(/\s+/g, ' ').trim(),
      a.getAttribute('href')!,
    ]),
  );
}

describe('the dashboard', () => {
  let t: TestApp;
  beforeEach(async () => (t = await startTestApp({ now: '2026-12-07T09:00:00Z' })));
  afterEach(() => t.close());

  const act = async (id: string, action: string, body: Record<string, unknown> = {}) => {
    const response = await t.http
      .post(`/api/v1/cases/${id}/${action}`)
      .set(await t.auth(olu))
      .send(body);
    expect(response.status).toBe(200);
  };

  it('shows open cases by stage and status with charts, and each figure leads to exactly its cases', async () => {
    const late = await t.recordCase(
      ann,
      complaint({ summary: 'Late and unacknowledged', receivedAt: '2026-11-20T10:00:00Z' }),
    );
    const acknowledged = await t.recordCase(
      bob,
      complaint({ summary: 'Acknowledged this month', receivedAt: '2026-12-04T10:00:00Z' }),
    );
    await act(acknowledged, 'acknowledge', { at: '2026-12-04T12:00:00Z' });
    await t.recordCase(
      ann,
      complaint({ summary: 'Fresh today', receivedAt: '2026-12-07T08:00:00Z' }),
    );
    expect(late).toBeDefined();
    const manager = await signInToConsole(t, olu);
    const page = await manager.get('/dashboard');
    expect(page.status).toBe(200);
    expect(page.text.match(/<svg[^>]*role="img"/g)?.length).toBeGreaterThanOrEqual(4);
    const found = links(page.text);
    const casesAt = async (label: string) => {
      const href = [...found.entries()].find(([words]) => words.includes(label))?.[1];
      expect(href).toBeDefined();
      return (await manager.get(href!)).text;
    };
    const overdue = await casesAt('Overdue');
    expect(overdue).toContain('Late and unacknowledged');
    expect(overdue).not.toContain('Fresh today');
    const byStatus = await casesAt('acknowledged: show these cases');
    expect(byStatus).toContain('Acknowledged this month');
    expect(byStatus).not.toContain('Late and unacknowledged');
    const onTime = await casesAt('acknowledged on time at');
    expect(onTime).toContain('Acknowledged this month');
    expect(onTime).not.toContain('Fresh today');
    expect(page.text).toContain('1 of 1 on time');
  });

  it('counts only their own cases for a member of staff, and is not for an administrator', async () => {
    await t.recordCase(ann, complaint({ summary: 'Ann’s', receivedAt: '2026-12-07T08:00:00Z' }));
    await t.recordCase(bob, complaint({ summary: 'Bob’s', receivedAt: '2026-12-07T08:00:00Z' }));
    const page = await (await signInToConsole(t, ann)).get('/dashboard');
    const { document } = parseHTML(page.text);
    const open = [...document.querySelectorAll('.clf-figures__item')][0].textContent!;
    expect(open.replace(/\s+/g, ' ').trim()).toBe('1 Open');
    const admin = await (await signInToConsole(t, ada)).get('/dashboard');
    expect(admin.status).toBe(403);
    expect(admin.text).not.toContain('Ann’s');
  });

  it('raises an alert when the check of every case found a record that does not verify, naming it only to those who see every case', async () => {
    const forged = await t.recordCase(ann, complaint({ summary: 'To be forged' }));
    await t.recordCase(ann, complaint({ summary: 'Left alone' }));
    const manager = await signInToConsole(t, olu);
    const before = await manager.get('/dashboard');
    expect(before.text).not.toContain('do not verify');
    forgeEvent(t.dataDir, forged);
    const audit = await t.http.post('/api/v1/admin/jobs/chain-audit/run').set(await t.auth(ada));
    expect(audit.status).toBe(200);
    const { reference } = (await t.http.get(`/api/v1/cases/${forged}`).set(await t.auth(olu)))
      .body as { reference: string };
    const alerted = await manager.get('/dashboard');
    expect(alerted.text).toContain('The record of 1 case does not verify');
    expect(links(alerted.text).get(`${reference}: does not verify from revision 0`)).toBe(
      `/cases/${reference}/history`,
    );
    const staff = await (await signInToConsole(t, ann)).get('/dashboard');
    expect(staff.text).toContain('The record of 1 case does not verify');
    expect(staff.text).not.toContain(`${reference}: does not verify`);
  });

  it('raises an alert when the check of every case found personal data whose key is missing, naming the case only to those who see every case', async () => {
    const unreadable = await t.recordCase(ann, complaint({ summary: 'Key to be lost' }));
    await t.recordCase(ann, complaint({ summary: 'Left alone' }));
    const runAudit = async () =>
      expect(
        (await t.http.post('/api/v1/admin/jobs/chain-audit/run').set(await t.auth(ada))).status,
      ).toBe(200);
    const manager = await signInToConsole(t, olu);
    await runAudit();
    const before = await manager.get('/dashboard');
    expect(before.text).toContain('record (2 cases) verified');
    expect(before.text).not.toContain('cannot be read');
    loseCaseKey(t.dataDir, unreadable);
    await runAudit();
    const { reference } = (await t.http.get(`/api/v1/cases/${unreadable}`).set(await t.auth(olu)))
      .body as { reference: string };
    const alerted = await manager.get('/dashboard');
    expect(alerted.text).toContain(
      'The personal data of 1 case cannot be read: its key is missing though nobody erased it. Restore case-keys.db from a backup, or ask your administrator.',
    );
    expect(alerted.text).not.toContain('verified');
    expect(links(alerted.text).get(`${reference}: personal data cannot be read`)).toBe(
      `/cases/${reference}`,
    );
    const staff = await (await signInToConsole(t, ann)).get('/dashboard');
    expect(staff.text).toContain('The personal data of 1 case cannot be read');
    expect(staff.text).not.toContain(`${reference}: personal data cannot be read`);
  });
});
