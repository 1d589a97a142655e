import { createHash } from 'node:crypto';
import { pdfText } from './support/pdf-text';
import { complaint, person, startTestApp, type TestApp } from './support/test-app';

const manager = person('u-olive', 'operations-manager');
const staff = person('u-sam', 'staff');
const stranger = person('u-other', 'staff');

const withEmail = complaint({
  channel: 'email',
  complainant: { name: 'Ada Learner', role: 'learner', email: 'ada@example.org' },
});
const withRepresentative = complaint({
  representative: { name: 'Pat Parent', relationship: 'parent', email: 'pat@example.org' },
});

describe('letters to the complainant', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp({ now: '2026-11-23T10:00:00Z' });
  });
  afterAll(() => api.close());

  const write = async (caseId: string, body: object, actor = manager, key?: string) =>
    api.http
      .post(`/api/v1/cases/${caseId}/letters`)
      .set(await api.auth(actor))
      .set(key ? { 'Idempotency-Key': key } : {})
      .send(body);
  const letters = async (caseId: string, actor = manager) =>
    api.http.get(`/api/v1/cases/${caseId}/letters`).set(await api.auth(actor));

  it('sends the template’s letter by e-mail: 202, waiting in the outbox, and listed', async () => {
    const caseId = await api.recordCase(staff, withEmail);
    const response = await write(caseId, { template: 'acknowledgement', channels: ['email'] });
    expect(response.status).toBe(202);
    expect(response.body).toMatchObject({
      letterId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      id: caseId,
      letter: {
        template: 'acknowledgement',
        channels: ['email'],
        addressedTo: 'complainant',
        to: { name: 'Ada Learner', email: 'ada@example.org' },
        subject: expect.stringMatching(/^Your complaint DMM-2026-\d{5}: we have received it$/),
        email: { state: 'waiting', messageId: null, deliveredAt: null, failure: null },
      },
    });
    expect(response.body.letter.body).toContain('Our understanding of your complaint:');
    const listed = await letters(caseId);
    expect(listed.status).toBe(200);
    expect(listed.body.letters).toEqual([response.body.letter]);
  });

  it('sends the words the writer gave, as given', async () => {
    const caseId = await api.recordCase(staff, withEmail);
    const response = await write(caseId, {
      template: 'response',
      channels: ['email'],
      subject: 'About your complaint',
      body: 'Dear Ada,\n\nWe are sorry.\n',
    });
    expect(response.status).toBe(202);
    expect(response.body.letter).toMatchObject({
      subject: 'About your complaint',
      body: 'Dear Ada,\n\nWe are sorry.\n',
    });
  });

  it('prints a letter for post and keeps it with the case, with its SHA-256', async () => {
    const caseId = await api.recordCase(staff);
    const response = await write(caseId, { template: 'acknowledgement', channels: ['post'] });
    expect(response.status).toBe(202);
    const { letterId, letter } = response.body;
    expect(letter.documentId).toBe(letterId);
    expect(letter.email.state).toBe('not-emailed');
    const detail = await api.http.get(`/api/v1/cases/${caseId}`).set(await api.auth(manager));
    const document = detail.body.documents.find((d: { id: string }) => d.id === letterId);
    expect(document).toMatchObject({ mediaType: 'application/pdf' });
    const pdf = await api.http
      .get(`/api/v1/cases/${caseId}/documents/${letterId}`)
      .set(await api.auth(manager))
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(
      createHash('sha256')
        .update(pdf.body as Buffer)
        .digest('hex'),
    ).toBe(document.sha256);
    const text = await pdfText(pdf.body as Buffer);
    expect(text).toContain('Digital Marketing Mentor');
    expect(text).toContain('Dear Ada Learner,');
    expect(text).toContain(letter.subject);
  });

  it('a retry with the same Idempotency-Key is one letter; another letter under it is refused', async () => {
    const caseId = await api.recordCase(staff, withEmail);
    const body = { template: 'acknowledgement', channels: ['email', 'post'] };
    const first = await write(caseId, body, manager, 'letter-1');
    const again = await write(caseId, body, manager, 'letter-1');
    expect(again.status).toBe(202);
    expect(again.body.letterId).toBe(first.body.letterId);
    expect(again.body.revision).toBe(first.body.revision);
    expect((await letters(caseId)).body.letters).toHaveLength(1);
    const other = await write(
      caseId,
      { template: 'thanks', channels: ['email'] },
      manager,
      'letter-1',
    );
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('idempotency-key-reused');
  });

  it('sends nothing to a representative whose authority is not recorded (422)', async () => {
    const caseId = await api.recordCase(staff, withRepresentative);
    const refused = await write(caseId, {
      template: 'acknowledgement',
      channels: ['email', 'post'],
      addressedTo: 'representative',
    });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('representative-not-authorised');
    const detail = await api.http.get(`/api/v1/cases/${caseId}`).set(await api.auth(manager));
    expect(detail.body.documents).toEqual([]);
    expect((await letters(caseId)).body.letters).toEqual([]);
  });

  it('refuses a malformed address at intake (400), and e-mail with no address known (422)', async () => {
    const caseId = await api.recordCase(staff);
    const malformed = await write(caseId, {
      template: 'acknowledgement',
      channels: ['email'],
      email: 'ada at example',
    });
    expect(malformed.status).toBe(400);
    const none = await write(caseId, { template: 'acknowledgement', channels: ['email'] });
    expect(none.status).toBe(422);
    expect(none.body.code).toBe('no-email-address');
  });

  it('refuses unknown templates and channels (400)', async () => {
    const caseId = await api.recordCase(staff, withEmail);
    expect((await write(caseId, { template: 'ransom', channels: ['email'] })).status).toBe(400);
    expect((await write(caseId, { template: 'thanks', channels: ['fax'] })).status).toBe(400);
    expect((await write(caseId, { template: 'thanks', channels: [] })).status).toBe(400);
  });

  it('shows and sends nothing for someone who may not see the case (404)', async () => {
    const caseId = await api.recordCase(staff, withEmail);
    const body = { template: 'acknowledgement', channels: ['email'] };
    expect((await write(caseId, body, stranger)).status).toBe(404);
    expect((await letters(caseId, stranger)).status).toBe(404);
  });
});
