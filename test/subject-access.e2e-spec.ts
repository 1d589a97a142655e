import type { Response } from 'supertest';
import { zipEntries } from '../apps/api/src/subject-access/testing/zip-entries';
import { asBytes } from './support/zip-download';
import { complaint, person, startTestApp, type TestApp } from './support/test-app';

const recipient = person('u-sam', 'staff');
const otherStaff = person('u-pat', 'staff');
const officer = person('u-dana', 'data-protection');
const auditor = person('u-audrey', 'auditor');

const PDF = Buffer.concat([
  Buffer.from('%PDF-1.7\n'),
  Buffer.alloc(100, 0x41),
  Buffer.from('\n%%EOF\n'),
]);

describe('subject access: GET /api/v1/people/export', () => {
  let api: TestApp;
  let position = 0;
  const cases: Record<
    'asComplainant' | 'asRepresentative' | 'unrelated',
    { id: string; reference: string }
  > = {} as never;

  const record = async (actor = recipient, body: Record<string, unknown>) => {
    const response = await api.http
      .post('/api/v1/cases')
      .set(await api.auth(actor))
      .send(body);
    expect(response.status).toBe(201);
    position = Math.max(position, response.body.position);
    return { id: response.body.id as string, reference: response.body.reference as string };
  };

  const exportFor = async (query: Record<string, string>, actor = officer, key?: string) =>
    api.http
      .get('/api/v1/people/export')
      .query(query)
      .set({ ...(await api.auth(actor)), 'X-CLF-Min-Position': String(position) })
      .set(key ? { 'Idempotency-Key': key } : {})
      .buffer(true)
      .parse(asBytes);

  const history = async (caseId: string) =>
    (await api.http.get(`/api/v1/cases/${caseId}/history`).set(await api.auth(auditor))).body as {
      events: Array<{ type: string; data: Record<string, unknown>; actor: { id: string } }>;
    };
  const exportsOf = async (caseId: string) =>
    (await history(caseId)).events.filter((e) => e.type === 'PersonalDataExported');

  beforeAll(async () => {
    api = await startTestApp();
    cases.asComplainant = await record(
      recipient,
      complaint({
        complainant: {
          name: 'Kit Young',
          role: 'learner',
          email: 'Kit@Example.com',
          phone: '07700 900123',
        },
        summary: 'Mentor missed two sessions',
      }),
    );
    cases.asRepresentative = await record(
      otherStaff,
      complaint({
        complainant: { name: 'Robin Young', role: 'learner' },
        representative: { name: 'Kit Young', relationship: 'sibling', email: 'kit@example.com' },
      }),
    );
    cases.unrelated = await record(recipient, complaint());
    const attached = await api.http
      .post(`/api/v1/cases/${cases.asComplainant.id}/documents`)
      .set(await api.auth(recipient))
      .attach('file', PDF, { filename: 'letter.pdf', contentType: 'application/pdf' });
    expect(attached.status).toBe(200);
    position = Math.max(position, attached.body.position);
  });
  afterAll(() => api.close());

  it('gives data protection one ZIP of every case about the person: the summary, each history and the documents', async () => {
    const response = await exportFor({ email: 'KIT@example.com' }, officer, 'first-export');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/zip');
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="subject-access-2026-11-23-[0-9a-f]{8}\.zip"$/,
    );
    const entries = await zipEntries(response.body as Buffer);
    const { asComplainant, asRepresentative, unrelated } = cases;
    expect([...entries.keys()].sort()).toEqual(
      [
        'summary.html',
        `cases/${asComplainant.reference}/history.json`,
        `cases/${asComplainant.reference}/documents/letter.pdf`,
        `cases/${asRepresentative.reference}/history.json`,
      ].sort(),
    );
    const summary = entries.get('summary.html')!.toString();
    expect(summary).toContain('e-mail address “KIT@example.com”');
    expect(summary).toContain(asComplainant.reference);
    expect(summary).toContain(asRepresentative.reference);
    expect(summary).not.toContain(unrelated.reference);
    expect(summary).toContain('Name of u-dana');
    expect(summary).toContain('07700 900123');
    expect(entries.get(`cases/${asComplainant.reference}/documents/letter.pdf`)!.equals(PDF)).toBe(
      true,
    );
    const exported = JSON.parse(
      entries.get(`cases/${asComplainant.reference}/history.json`)!.toString(),
    );
    expect(exported).toEqual(await history(asComplainant.id));
    expect(exported.events.map((e: { type: string }) => e.type)).toEqual([
      'CaseReceived',
      'DocumentAttached',
      'PersonalDataExported',
    ]);
  });

  it('records the export in each case it took, without the value searched for, once however often it is retried', async () => {
    const again = await exportFor({ email: 'kit@example.com' }, officer, 'first-export');
    expect(again.status).toBe(200);
    for (const { id } of [cases.asComplainant, cases.asRepresentative]) {
      const recorded = await exportsOf(id);
      expect(recorded).toHaveLength(1);
      expect(recorded[0].actor.id).toBe('u-dana');
      expect(recorded[0].data).toEqual({
        exportId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        matchedOn: 'email',
        requestedBy: { id: 'u-dana', name: 'Name of u-dana' },
      });
    }
    expect(await exportsOf(cases.unrelated.id)).toEqual([]);
  });

  it('finds by phone on its digits, and by the whole name, as complainant or representative', async () => {
    const byPhone = await exportFor({ phone: '+44 7700 900123' }, officer, 'by-phone');
    expect(byPhone.status).toBe(200);
    const phoneEntries = [...(await zipEntries(byPhone.body as Buffer)).keys()];
    expect(phoneEntries).toContain(`cases/${cases.asComplainant.reference}/history.json`);
    expect(phoneEntries).not.toContain(`cases/${cases.asRepresentative.reference}/history.json`);
    const byName = await exportFor({ name: '  kit   YOUNG ' }, officer, 'by-name');
    const nameEntries = [...(await zipEntries(byName.body as Buffer)).keys()];
    expect(nameEntries).toContain(`cases/${cases.asRepresentative.reference}/history.json`);
    expect((await exportsOf(cases.asComplainant.id)).map((e) => e.data.matchedOn)).toEqual([
      'email',
      'phone',
      'name',
    ]);
  });

  it('is refused (403) to everyone but data protection, recording nothing', async () => {
    const before = (await history(cases.asComplainant.id)).events.length;
    for (const actor of [
      recipient,
      auditor,
      person('u-quinn', 'quality'),
      person('u-ola', 'operations-manager'),
      person('u-adm', 'admin'),
    ]) {
      const response = await exportFor({ email: 'kit@example.com' }, actor);
      expect({ actor: actor.id, status: response.status }).toEqual({
        actor: actor.id,
        status: 403,
      });
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    expect((await history(cases.asComplainant.id)).events).toHaveLength(before);
  });

  it('needs exactly one of email, phone or name, with something to match (400)', async () => {
    const problem = (response: Response) => JSON.parse((response.body as Buffer).toString());
    const queries: Array<Record<string, string>> = [
      {},
      { email: 'kit@example.com', name: 'Kit Young' },
      { phone: 'none' },
      { email: 'kit' },
      { colour: 'red' },
    ];
    for (const query of queries) {
      const response = await exportFor(query);
      expect({ query, status: response.status }).toEqual({ query, status: 400 });
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(problem(response).code).toBe('validation-failed');
    }
    const tooLong = await exportFor({ name: 'x'.repeat(201) });
    expect(tooLong.status).toBe(400);
  });

  it('answers 404 when nothing is found, and records nothing', async () => {
    const before = (await history(cases.unrelated.id)).events.length;
    const response = await exportFor({ email: 'nobody@example.com' }, officer, 'nobody');
    expect(response.status).toBe(404);
    expect(JSON.parse((response.body as Buffer).toString())).toMatchObject({
      status: 404,
      code: 'nothing-found',
    });
    expect((await history(cases.unrelated.id)).events).toHaveLength(before);
  });
});
