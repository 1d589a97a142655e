import { zipEntries } from '../apps/api/src/subject-access/testing/zip-entries';
import { asBytes } from './support/zip-download';
import { signInToConsole, type ConsoleVisitor } from './support/console';
import { complaint, person, startTestApp, type TestApp } from './support/test-app';

const ann = person('ann', 'staff');
const dana = person('dana', 'data-protection');
const audrey = person('audrey', 'auditor');

describe('subject access on the console (/data-protection/subject-access)', () => {
  let t: TestApp;
  let officer: ConsoleVisitor;
  let kits: string;
  let other: string;
  beforeEach(async () => {
    t = await startTestApp({ now: '2026-12-07T09:00:00Z' });
    const kit = { name: 'Kit Young', role: 'learner', email: 'kit@example.com' };
    await t.recordCase(ann, complaint({ complainant: kit }));
    await t.recordCase(ann, complaint());
    kits = 'DMM-2026-00001';
    other = 'DMM-2026-00002';
    officer = await signInToConsole(t, dana);
  });
  afterEach(() => t.close());

  const exportsIn = async (reference: string) => {
    const auditor = await signInToConsole(t, audrey);
    return (
      (await auditor.get(`/cases/${reference}/history`)).text.match(
        /exported the personal data on this case/g,
      )?.length ?? 0
    );
  };

  it('finds the cases about a person and lists them, with the part they play', async () => {
    const page = await officer.get('/data-protection/subject-access');
    expect(page.status).toBe(200);
    expect(page.text).toContain('href="/data-protection/subject-access"');
    expect(page.text).toContain('Subject access');
    const found = await officer.post('/data-protection/subject-access', {
      email: 'KIT@example.com',
    });
    expect(found.status).toBe(200);
    expect(found.text).toContain('1 case found');
    expect(found.text).toContain(kits);
    expect(found.text).not.toContain(other);
    expect(found.text).toContain('The complainant');
    expect(found.text).toContain('Mon 7 Dec 2026, 9:00am');
    expect(found.text).toContain('Download everything (ZIP)');
    expect(await exportsIn(kits)).toBe(0); // finding records nothing
  });

  it('downloads everything as a ZIP, recorded once in the case however often the button is pressed', async () => {
    const found = await officer.post('/data-protection/subject-access', { name: ' kit  young' });
    const key = /name="key" value="([^"]+)"/.exec(found.text)![1];
    for (let press = 0; press < 2; press += 1) {
      const zip = await officer
        .post('/data-protection/subject-access/export', {
          email: '',
          phone: '',
          name: 'kit  young',
          key,
        })
        .buffer(true)
        .parse(asBytes);
      expect(zip.status).toBe(200);
      expect(zip.headers['content-type']).toBe('application/zip');
      expect(zip.headers['content-disposition']).toMatch(/^attachment; filename="subject-access-/);
      const entries = await zipEntries(zip.body as Buffer);
      expect(entries.get('summary.html')!.toString()).toContain('name “kit  young”');
      expect(entries.has(`cases/${kits}/history.json`)).toBe(true);
    }
    expect(await exportsIn(kits)).toBe(1);
    expect((await (await signInToConsole(t, audrey)).get(`/cases/${kits}`)).text).toContain(
      'Name of dana exported the personal data on this case for a subject access request, found by the person’s name.',
    );
  });

  it('says when nothing is found, recording nothing', async () => {
    const found = await officer.post('/data-protection/subject-access', { phone: '01632 960000' });
    expect(found.status).toBe(200);
    expect(found.text).toContain('No cases found');
    expect(found.text).not.toContain('Download everything (ZIP)');
    const none = await officer.post('/data-protection/subject-access/export', {
      phone: '01632 960000',
    });
    expect(none.status).toBe(404);
    expect(none.text).toContain('No cases found');
  });

  it('asks for exactly one of the three, beside the fields', async () => {
    const empty = await officer.post('/data-protection/subject-access', {});
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('There is a problem');
    expect(empty.text).toContain('<a href="#email">Give exactly one of email, phone or name</a>');
    const two = await officer.post('/data-protection/subject-access', {
      email: 'kit@example.com',
      name: 'Kit',
    });
    expect(two.status).toBe(400);
    const phone = await officer.post('/data-protection/subject-access', { phone: 'reception' });
    expect(phone.text).toContain('Phone number must be a phone number with digits in it');
  });

  it('is for data protection only, and every form needs its anti-forgery token', async () => {
    const staff = await signInToConsole(t, ann);
    expect((await staff.get('/data-protection/subject-access')).status).toBe(403);
    expect((await staff.get('/')).text).not.toContain('/data-protection/subject-access');
    expect(
      (await staff.post('/data-protection/subject-access', { email: 'kit@example.com' })).status,
    ).toBe(403);
    const auditor = await signInToConsole(t, audrey);
    expect(
      (await auditor.post('/data-protection/subject-access/export', { email: 'kit@example.com' }))
        .status,
    ).toBe(403);
    const forged = await officer.post(
      '/data-protection/subject-access/export',
      { email: 'kit@example.com' },
      { csrf: false },
    );
    expect(forged.status).toBe(403);
    expect(await exportsIn(kits)).toBe(0);
  });
});
