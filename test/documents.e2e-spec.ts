import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { request as httpRequest, type ClientRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { MAX_CONCURRENT_UPLOADS, UploadSlots } from '../apps/api/src/cases/upload-slots';
import { ALLOWED_MEDIA_TYPES } from '#documents';
import { wordDocument, zipOf } from '../libs/documents/src/testing/zip-fixtures';
import { person, startTestApp, type TestApp } from './support/test-app';

const staff = person('u-sam', 'staff');
const auditor = person('u-audrey', 'auditor');
const stranger = person('u-other', 'staff');

const PDF = Buffer.concat([
  Buffer.from('%PDF-1.7\n'),
  Buffer.alloc(5000, 0x41),
  Buffer.from('\n%%EOF\n'),
]);

describe('documents on a case', () => {
  let api: TestApp;
  let caseId: string;
  beforeAll(async () => {
    api = await startTestApp();
    caseId = await api.recordCase(staff);
  });
  afterAll(() => api.close());

  const upload = async (content: Buffer, filename: string, actor = staff, contentType?: string) =>
    api.http
      .post(`/api/v1/cases/${caseId}/documents`)
      .set(await api.auth(actor))
      .attach('file', content, {
        filename,
        contentType: contentType ?? 'application/octet-stream',
      });

  it('stores a PDF by its SHA-256, records it on the case, and gives the same bytes back', async () => {
    const response = await upload(PDF, 'complaint letter.pdf');
    expect(response.status).toBe(200);
    const sha256 = createHash('sha256').update(PDF).digest('hex');
    const [document] = response.body.case.documents;
    expect(document).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      filename: 'complaint letter.pdf',
      mediaType: 'application/pdf',
      size: PDF.length,
      sha256,
      attachedAt: '2026-11-23T10:00:00.000Z',
    });
    const download = await api.http
      .get(`/api/v1/cases/${caseId}/documents/${document.id}`)
      .set(await api.auth(auditor))
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(download.status).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toMatch(
      /^attachment; filename="complaint letter.pdf"/,
    );
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect((download.body as Buffer).equals(PDF)).toBe(true);
  });

  it('judges the type by the bytes: an executable called .pdf is 415', async () => {
    const response = await upload(
      Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00', 'latin1'),
      'invoice.pdf',
      staff,
      'application/pdf',
    );
    expect(response.status).toBe(415);
    expect(response.body.code).toBe('unsupported-file-type');
  });

  it('takes a plain-text note and an e-mail, whatever they are called', async () => {
    const eml = Buffer.from(
      'From: ada@example.org\r\nSubject: Complaint\r\nDate: Mon, 23 Nov 2026 09:00:00 +0000\r\n\r\nHello',
    );
    expect((await upload(eml, 'message')).body.case.documents.at(-1).mediaType).toBe(
      'message/rfc822',
    );
    expect(
      (await upload(Buffer.from('Phone call notes\n'), 'notes.bin')).body.case.documents.at(-1)
        .mediaType,
    ).toBe('text/plain');
  });

  it('names a file after the type its bytes are, dropping format characters', async () => {
    const hta = await upload(Buffer.from('Phone call notes\n'), 'notes.hta');
    expect(hta.body.case.documents.at(-1)).toMatchObject({
      filename: 'notes.hta.txt',
      mediaType: 'text/plain',
    });
    const disguised = await upload(PDF, 'invoice\u202Efdp.exe');
    expect(disguised.body.case.documents.at(-1).filename).toBe('invoicefdp.exe.pdf');
    const download = await api.http
      .get(`/api/v1/cases/${caseId}/documents/${hta.body.case.documents.at(-1).id}`)
      .set(await api.auth(staff));
    expect(download.headers['content-disposition']).toMatch(/filename="notes\.hta\.txt"/);
  });

  it('takes a Word document only when its zip really is one', async () => {
    const docx = await upload(wordDocument(), 'letter.docx');
    expect(docx.body.case.documents.at(-1).mediaType).toBe(ALLOWED_MEDIA_TYPES.docx);
    const jar = zipOf({ '[Content_Types].xml': '<Types/>', 'word/x': '', 'Main.class': '' });
    expect((await upload(jar, 'letter.docx')).status).toBe(415);
  });

  it('writes uploads to a private temporary folder and leaves nothing there, taken or refused', async () => {
    const staging = join(api.dataDir, 'tmp');
    expect((await upload(Buffer.from(`kept ${Math.random()}`), 'kept.txt')).status).toBe(200);
    expect(readdirSync(staging)).toEqual([]);
    expect((await upload(Buffer.from('MZ\x90\x00', 'latin1'), 'x.pdf')).status).toBe(415);
    expect((await upload(Buffer.alloc(0), 'empty.txt')).status).toBe(400);
    expect((await upload(Buffer.alloc(20 * 1024 * 1024 + 1, 0x41), 'big.txt')).status).toBe(413);
    expect(readdirSync(staging)).toEqual([]);
  });

  it('keeps a UTF-8 file name as it was written', async () => {
    const response = await upload(Buffer.from('notes'), 'Résumé – complaint.txt');
    expect(response.body.case.documents.at(-1).filename).toBe('Résumé – complaint.txt');
  });

  it('refuses an empty file with 400', async () => {
    const response = await upload(Buffer.alloc(0), 'empty.txt');
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('empty-file');
  });

  it('checks If-Match before storing anything: a stale upload leaves no file behind', async () => {
    const { revision } = (await api.http.get(`/api/v1/cases/${caseId}`).set(await api.auth(staff)))
      .body;
    const content = Buffer.from(`unique ${Math.random()}`);
    const stale = await api.http
      .post(`/api/v1/cases/${caseId}/documents`)
      .set(await api.auth(staff))
      .set('If-Match', `"${revision - 1}"`)
      .attach('file', content, { filename: 'late.txt' });
    expect(stale.status).toBe(412);
    const sha256 = createHash('sha256').update(content).digest('hex');
    expect(
      existsSync(join(api.dataDir, 'documents', sha256.slice(0, 2), sha256.slice(2, 4), sha256)),
    ).toBe(false);
  });

  it('refuses a file over 20 MB with 413', async () => {
    const big = Buffer.alloc(20 * 1024 * 1024 + 1, 0x41);
    const response = await upload(big, 'big.txt');
    expect(response.status).toBe(413);
    expect(response.headers['content-type']).toMatch(/problem\+json/);
  });

  it('refuses a request that is not multipart (415) or has no file (400)', async () => {
    const json = await api.http
      .post(`/api/v1/cases/${caseId}/documents`)
      .set(await api.auth(staff))
      .send({ file: 'x' });
    expect(json.status).toBe(415);
    const empty = await api.http
      .post(`/api/v1/cases/${caseId}/documents`)
      .set(await api.auth(staff))
      .field('note', 'no file');
    expect(empty.status).toBe(400);
    // A multipart Content-Type with a boundary the parser cannot read (found by the fuzz test).
    const unreadable = await api.http
      .post(`/api/v1/cases/${caseId}/documents`)
      .set(await api.auth(staff))
      .set('Content-Type', 'multipart/form-data; boundary= #')
      .send('');
    expect(unreadable.status).toBe(400);
    expect(unreadable.body).toMatchObject({ code: 'malformed-upload' });
  });

  it('hides the case and its documents from those who may not see it, and refuses those who may not attach', async () => {
    expect((await upload(PDF, 'x.pdf', stranger)).status).toBe(404);
    expect((await upload(PDF, 'x.pdf', auditor)).status).toBe(403);
    const [document] = (await api.http.get(`/api/v1/cases/${caseId}`).set(await api.auth(staff)))
      .body.documents;
    expect(
      (
        await api.http
          .get(`/api/v1/cases/${caseId}/documents/${document.id}`)
          .set(await api.auth(stranger))
      ).status,
    ).toBe(404);
    expect(
      (await api.http.get(`/api/v1/cases/${caseId}/documents/not-there`).set(await api.auth(staff)))
        .status,
    ).toBe(404);
  });
});

describe('upload mistakes, in plain words', () => {
  it('says to send only the file, in a field named "file"', async () => {
    const api = await startTestApp();
    try {
      const id = await api.recordCase(staff);
      const extra = await api.http
        .post(`/api/v1/cases/${id}/documents`)
        .set(await api.auth(staff))
        .field('note', 'hello')
        .attach('file', PDF, 'a.pdf');
      expect(extra.body).toMatchObject({ status: 400, code: 'unexpected-form-field' });
      const wrongField = await api.http
        .post(`/api/v1/cases/${id}/documents`)
        .set(await api.auth(staff))
        .attach('upload', PDF, 'a.pdf');
      expect(wrongField.body).toMatchObject({ status: 400, code: 'unexpected-file-field' });
      const malformed = await api.http.get('/api/v1/cases/%E0%A4%A').set(await api.auth(staff));
      expect(malformed.status).toBeLessThan(500);
    } finally {
      await api.close();
    }
  });
});

describe('limits on what uploads may take', () => {
  const newCase = async (api: TestApp) => (await api.recordCase(staff)) as string;

  it('refuses a document that would take a case past its storage quota with 413, storing nothing', async () => {
    const api = await startTestApp({ env: { CLF_DOCUMENTS_PER_CASE_MB: '1' } });
    try {
      const caseId = await newCase(api);
      const text = () => Buffer.from(randomBytes(300_000).toString('hex')); // 600 KB of text
      const first = text();
      const send = async (content: Buffer) =>
        api.http
          .post(`/api/v1/cases/${caseId}/documents`)
          .set(await api.auth(staff))
          .attach('file', content, 'notes.txt');
      expect((await send(first)).status).toBe(200);
      const second = text();
      const refused = await send(second);
      expect(refused.status).toBe(413);
      expect(refused.headers['content-type']).toMatch(/problem\+json/);
      expect(refused.body).toMatchObject({ code: 'case-documents-quota', status: 413 });
      expect(refused.body.detail).toMatch(/1 MB/);
      const sha256 = createHash('sha256').update(second).digest('hex');
      expect(
        existsSync(join(api.dataDir, 'documents', sha256.slice(0, 2), sha256.slice(2, 4), sha256)),
      ).toBe(false);
      expect(readdirSync(join(api.dataDir, 'tmp'))).toEqual([]);
      // The same content again takes no more room: it is stored once.
      expect((await send(first)).status).toBe(200);
    } finally {
      await api.close();
    }
  });

  it(`takes at most ${MAX_CONCURRENT_UPLOADS} uploads at once; one more is 503 with Retry-After`, async () => {
    const api = await startTestApp();
    const held: ClientRequest[] = [];
    try {
      const caseId = await newCase(api);
      const server = await api.app.listen(0, '127.0.0.1');
      const { port } = server.address() as AddressInfo;
      const { Authorization } = await api.auth(staff);
      const slots = api.app.get(UploadSlots);
      for (let i = 0; i < MAX_CONCURRENT_UPLOADS; i += 1) {
        const boundary = `held${i}`;
        const request = httpRequest({
          port,
          host: '127.0.0.1',
          method: 'POST',
          path: `/api/v1/cases/${caseId}/documents`,
          headers: {
            Authorization,
            'Content-Type': `multipart/form-data; boundary=${boundary}`,
            'Content-Length': String(10 * 1024 * 1024),
          },
        });
        request.on('error', () => undefined); // aborted below, on purpose
        request.write(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="slow.txt"\r\n\r\nThe first words of a slow upload`,
        );
        held.push(request);
      }
      await until(() => slots.inUse === MAX_CONCURRENT_UPLOADS);
      const busy = await api.http
        .post(`/api/v1/cases/${caseId}/documents`)
        .set({ Authorization })
        .attach('file', PDF, 'one-too-many.pdf');
      expect(busy.status).toBe(503);
      expect(busy.body).toMatchObject({ code: 'uploads-busy' });
      expect(Number(busy.headers['retry-after'])).toBeGreaterThan(0);
      // Uploads cut off half way free their place and leave no temporary file.
      for (const request of held) request.destroy();
      await until(() => slots.inUse === 0);
      await until(() => readdirSync(join(api.dataDir, 'tmp')).length === 0);
      const after = await api.http
        .post(`/api/v1/cases/${caseId}/documents`)
        .set({ Authorization })
        .attach('file', PDF, 'now.pdf');
      expect(after.status).toBe(200);
    } finally {
      for (const request of held) request.destroy();
      await api.close();
    }
  });
});

/** Waits, checking every few milliseconds, for the server to reach a state (10 s at most). */
async function until(condition: () => boolean): Promise<void> {
  const deadline = performance.now() + 10_000;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error('the server never got there');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
