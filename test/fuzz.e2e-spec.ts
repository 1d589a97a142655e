import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { ALLOWED_MEDIA_TYPES } from '#documents';
import { MAX_JSON_KEYS, MAX_JSON_OBJECT_KEYS } from '../apps/api/src/http/json-body.guard';
import { WORD_MAIN_CONTENT_TYPE, zipOf } from '../libs/documents/src/testing/zip-fixtures';
import { SignJWT } from 'jose';
import { CLOCK_SKEW_SECONDS } from '../apps/api/src/auth/token-verifier';
import { loadConfig } from '../apps/api/src/config/app-config';
import { complaint, person, SECRET, startTestApp, type TestApp } from './support/test-app';

// Each property sends tens of real HTTP requests through the whole server (uploads are
// stored and recorded): on two busy cores that takes longer than jest's 5 s default.
jest.setTimeout(60_000);

const manager = person('u-sue', 'senior-manager', 'operations-manager', 'quality');

const COMMANDS = [
  'acknowledge',
  'assign',
  'escalate',
  'respond',
  'correspondence',
  'notes',
  'representative-authorisation',
  'guardian-notification',
  'confidentiality-notice',
  'external-referral',
  'categories',
  'close',
  'reopen',
];

/** Field names the API knows, so random bodies often reach deep validation and the domain. */
const KNOWN_FIELDS = [
  'kind',
  'formality',
  'channel',
  'receivedAt',
  'summary',
  'details',
  'complainant',
  'representative',
  'categories',
  'assessmentRelated',
  'responseRequested',
  'owner',
  'resolvedAtFirstContact',
  'at',
  'method',
  'note',
  'toStage',
  'requestReceivedAt',
  'inWriting',
  'reason',
  'override',
  'outcome',
  'addressedTo',
  'text',
  'documentId',
  'notifiedAt',
  'guardianName',
  'waived',
  'explanation',
  'toldTo',
  'body',
  'referredAt',
  'externalReference',
  'appealsBody',
  'name',
  'role',
  'id',
  'resolution',
  'under18',
];
const interestingValue = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  fc.constantFrom(
    '2026-11-23T09:00:00Z',
    '2999-01-01T00:00:00Z',
    '2026-02-30T00:00:00Z',
    'complaint',
    'formal',
    'email',
    'upheld',
    'withdrawn',
    'learner',
    '',
    ' ',
    'x'.repeat(300),
    -1,
    0,
    3,
    1e308,
    null,
    true,
  ),
);
const body = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.dictionary(fc.constantFrom(...KNOWN_FIELDS), interestingValue, { maxKeys: 8 }),
  fc.dictionary(
    fc.constantFrom(...KNOWN_FIELDS),
    fc.dictionary(fc.constantFrom(...KNOWN_FIELDS), interestingValue),
    { maxKeys: 4 },
  ),
);

/** A fresh app with one case on it, recorded by the manager who sends everything. */
async function appWithCase(): Promise<{ api: TestApp; caseId: string }> {
  const api = await startTestApp();
  return { api, caseId: await api.recordCase(manager) };
}

describe('random malformed bodies to every command: never a 5xx', () => {
  let api: TestApp;
  let caseId: string;
  beforeAll(async () => ({ api, caseId } = await appWithCase()));
  afterAll(() => api.close());

  it.each(['', ...COMMANDS])('POST /cases/:id/%s (empty: POST /cases)', async (command) => {
    const path = command ? `/api/v1/cases/${caseId}/${command}` : '/api/v1/cases';
    const headers = await api.auth(manager);
    await fc.assert(
      fc.asyncProperty(body, async (payload) => {
        const response = await api.http
          .post(path)
          .set(headers)
          .set('Content-Type', 'application/json')
          .send(JSON.stringify(payload));
        expect(response.status).toBeLessThan(500);
        expect(response.text).not.toMatch(/\n\s+at /);
      }),
      { numRuns: 40 },
    );
  });

  it('survives bytes that are not JSON at all', async () => {
    const headers = await api.auth(manager);
    await fc.assert(
      fc.asyncProperty(
        fc.string({ maxLength: 200 }),
        fc.constantFrom('', ...COMMANDS),
        async (raw, command) => {
          const path = command ? `/api/v1/cases/${caseId}/${command}` : '/api/v1/cases';
          const response = await api.http
            .post(path)
            .set(headers)
            .set('Content-Type', 'application/json')
            .send(raw);
          expect(response.status).toBeLessThan(500);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('survives random uploads and broken multipart bodies to POST /cases/:id/documents', async () => {
    const headers = await api.auth(manager);
    const path = `/api/v1/cases/${caseId}/documents`;
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 2_000 }),
        fc.string({ maxLength: 120 }),
        fc.constantFrom('file', 'document', 'files[]', ''),
        fc.dictionary(fc.constantFrom('name', 'kind', 'file', 'x'), fc.string({ maxLength: 40 }), {
          maxKeys: 3,
        }),
        async (bytes, filename, field, extra) => {
          let upload = api.http.post(path).set(headers);
          for (const [key, value] of Object.entries(extra)) upload = upload.field(key, value);
          if (field) upload = upload.attach(field, Buffer.from(bytes), filename || 'x');
          const response = await upload;
          expect(response.status).toBeLessThan(500);
          expect(response.text).not.toMatch(/\n\s+at /);
        },
      ),
      { numRuns: 60 },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.string({ maxLength: 400 }),
        fc.string({ maxLength: 30 }),
        async (raw, boundary) => {
          const response = await api.http
            .post(path)
            .set(headers)
            .set('Content-Type', `multipart/form-data; boundary=${boundary || 'b'}`)
            .send(raw);
          expect(response.status).toBeLessThan(500);
          expect(response.text).not.toMatch(/\n\s+at /);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('random uploads: zips named .docx, names with format characters, oversized files', () => {
  let api: TestApp;
  let caseId: string;
  const upload = async (content: Buffer, filename: string) =>
    api.http
      .post(`/api/v1/cases/${caseId}/documents`)
      .set(await api.auth(manager))
      .attach('file', content, filename);
  beforeAll(async () => ({ api, caseId } = await appWithCase()));
  afterAll(() => api.close());
  afterEach(() => expect(readdirSync(join(api.dataDir, 'tmp'))).toEqual([]));

  const WORD_PARTS = [
    '[Content_Types].xml',
    'word/document.xml',
    'word/vbaProject.bin',
    'word/',
    'META-INF/MANIFEST.MF',
    'setup.exe',
  ];
  const CONTENT_TYPES = [
    '<Types/>',
    `<Types><Override PartName="/word/document.xml" ContentType="${WORD_MAIN_CONTENT_TYPE}"/></Types>`,
    '<Types><Override ContentType="application/vnd.ms-word.document.macroEnabled.main+xml"/></Types>',
  ];

  /**
   * A zip whose entry names a backslash, an absolute path or `..` is not a document but an
   * attempt to write outside an unpacked folder: the reader refuses it, and so do we.
   */
  const isSafeZipEntryName = (name: string) =>
    !name.includes('\\') && !/^([a-zA-Z]:|\/)/.test(name) && !name.split('/').includes('..');

  it('takes a zip called .docx only when it is a Word document without macros', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(
          fc.oneof(
            fc.constantFrom(...WORD_PARTS),
            // The zip writer takes a name → content object: `__proto__` cannot be a key of one.
            fc.string({ minLength: 1 }).filter((name) => name !== '__proto__'),
          ),
          {
            maxLength: 6,
          },
        ),
        fc.constantFrom(...CONTENT_TYPES),
        fc.option(fc.nat(), { nil: undefined }),
        async (names, contentTypes, damageAt) => {
          const files = Object.fromEntries(
            names.map((name) => [name, name === '[Content_Types].xml' ? contentTypes : 'x']),
          );
          const zip = zipOf(files);
          if (damageAt !== undefined) zip[damageAt % zip.length] ^= 0xff;
          const response = await upload(zip, 'letter.docx');
          expect(response.status).toBeLessThan(500);
          const real =
            damageAt === undefined &&
            names.every(isSafeZipEntryName) &&
            names.includes('[Content_Types].xml') &&
            names.includes('word/document.xml') &&
            !names.includes('word/vbaProject.bin') &&
            contentTypes === CONTENT_TYPES[1];
          if (response.status === 200) {
            const stored = response.body.case.documents.at(-1);
            expect(stored.mediaType).toBe(ALLOWED_MEDIA_TYPES.docx);
            expect(stored.filename).toBe('letter.docx');
            expect(names).toContain('word/document.xml');
            expect(names).not.toContain('word/vbaProject.bin');
          } else if (real) throw new Error(`a Word document was refused: ${response.text}`);
        },
      ),
      { numRuns: 60 },
    );
  });

  const FORMAT_CHARACTERS = ['\u202E', '\u202D', '\u200B', '\u200D', '\u2066', '\uFEFF', '\u00AD'];

  it('stores any name without control or format characters, ending in the detected type', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            fc.string({ unit: 'binary', maxLength: 8 }),
            fc.constantFrom(...FORMAT_CHARACTERS),
          ),
          { maxLength: 12 },
        ),
        fc.constantFrom('', '.txt', '.hta', '.bat', '.html', '.pdf'),
        async (parts, ending) => {
          const response = await upload(Buffer.from('Phone call notes\n'), parts.join('') + ending);
          expect(response.status).toBeLessThan(500);
          if (response.status !== 200) return; // a name the multipart encoding cannot carry
          const { filename } = response.body.case.documents.at(-1);
          expect(filename).not.toMatch(/[\p{Cc}\p{Cf}]/u);
          expect(filename).toMatch(/\.txt$/);
          expect([...filename].length).toBeLessThanOrEqual(255);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('refuses oversized uploads of any kind with 413, keeping nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 64 * 1024 }),
        fc.constantFrom(0x41, 0x00, 0x25),
        fc.constantFrom('big.txt', 'big.pdf', 'big.docx', 'big'),
        async (over, fill, filename) => {
          const response = await upload(Buffer.alloc(20 * 1024 * 1024 + over, fill), filename);
          expect(response.status).toBe(413);
          expect(response.headers['content-type']).toMatch(/problem\+json/);
        },
      ),
      { numRuns: 3 },
    );
  });
});

describe('key budgets and control characters: refused early, never a 5xx', () => {
  let api: TestApp;
  let caseId: string;
  beforeAll(async () => ({ api, caseId } = await appWithCase()));
  afterAll(() => api.close());

  /**
   * A JSON value under a random field with `width` keys (or items) at each of `depth`
   * levels: over the per-object budget or the total one, with at most 80,000 values in all.
   */
  const wideBody = fc
    .record({
      field: fc.constantFrom(...KNOWN_FIELDS),
      width: fc.integer({ min: MAX_JSON_OBJECT_KEYS + 1, max: 80_000 }),
      depth: fc.integer({ min: 1, max: 3 }),
      asArray: fc.boolean(),
    })
    .map(({ field, width: wanted, depth, asArray }) => {
      // Arrays count against the total budget only: one level of them must exceed it alone.
      const least = asArray && depth === 1 ? MAX_JSON_KEYS + 1 : 0;
      const width = Math.max(least, Math.min(wanted, Math.floor(80_000 ** (1 / depth))));
      let value: unknown = 0;
      for (let level = 0; level < depth; level += 1)
        value = asArray
          ? Array.from({ length: width }, () => value)
          : Object.fromEntries(Array.from({ length: width }, (_, i) => [i.toString(36), value]));
      return { ...complaint(), [field]: value };
    })
    .filter((body) => JSON.stringify(body).length < 1_000_000);

  it('bodies over the key budget get a short 413 naming the limit, from every command', async () => {
    const headers = await api.auth(manager);
    await fc.assert(
      fc.asyncProperty(wideBody, fc.constantFrom('', ...COMMANDS), async (payload, command) => {
        const path = command ? `/api/v1/cases/${caseId}/${command}` : '/api/v1/cases';
        const response = await api.http.post(path).set(headers).send(payload);
        expect(response.status).toBe(413);
        expect(response.body.code).toMatch(/^too-many-json-(object-)?keys$/);
        expect(response.text.length).toBeLessThan(1_000);
      }),
      { numRuns: 30 },
    );
  });

  const QUERY_PATHS = [
    '/api/v1/cases',
    `/api/v1/cases/{id}`,
    `/api/v1/cases/{id}/history`,
    `/api/v1/cases/{id}/history/verify`,
    '/api/v1/cases/by-reference/DMM-2026-00001',
    '/api/v1/dashboard',
    '/api/v1/reports/monthly',
    '/api/v1/reports/annual',
    '/api/v1/reports/themes',
  ];
  const QUERY_NAMES = ['q', 'kind', 'status', 'category', 'asOf', 'month', 'year', 'from', 'x'];
  const controlCharacter = fc.oneof(
    fc.integer({ min: 0, max: 0x1f }),
    fc.integer({ min: 0x7f, max: 0x9f }),
  );

  it('a control character anywhere in any query parameter is 400 naming it', async () => {
    const headers = await api.auth(manager);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...QUERY_PATHS),
        fc.constantFrom(...QUERY_NAMES),
        fc.string({ maxLength: 20 }),
        controlCharacter,
        fc.nat(),
        async (path, name, text, code, at) => {
          const index = at % (text.length + 1);
          const value = text.slice(0, index) + String.fromCharCode(code) + text.slice(index);
          const response = await api.http
            .get(`${path.replace('{id}', caseId)}?${name}=${encodeURIComponent(value)}`)
            .set(headers);
          expect(response.status).toBe(400);
          expect(response.body.errors).toEqual([{ field: name, message: expect.any(String) }]);
          expect(response.text).not.toMatch(/\n\s+at /);
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('random token lifetimes, issue times and scheme spellings: only a fitting token is let in', () => {
  let api: TestApp;
  beforeAll(async () => (api = await startTestApp()));
  afterAll(() => api.close());

  const MAX_LIFETIME = loadConfig({}).jwt.maxLifetimeSeconds;
  const CLOCK_SKEW = CLOCK_SKEW_SECONDS;
  const scheme = fc
    .array(fc.boolean(), { minLength: 6, maxLength: 6 })
    .map((upper) => [...'bearer'].map((c, i) => (upper[i] ? c.toUpperCase() : c)).join(''));

  it('GET /dashboard', async () => {
    await fc.assert(
      fc.asyncProperty(
        scheme,
        // iat from a day ago to a day ahead (or none); exp from a minute to 200 years after now
        fc.option(fc.integer({ min: -86_400, max: 86_400 }), { nil: undefined }),
        fc.integer({ min: 60, max: 200 * 365 * 86_400 }),
        async (spelling, iatOffset, expOffset) => {
          const now = Math.floor(Date.now() / 1000);
          const claims = {
            sub: 'u-sue',
            roles: ['operations-manager'],
            exp: now + expOffset,
            ...(iatOffset === undefined ? {} : { iat: now + iatOffset }),
          };
          const token = await new SignJWT(claims)
            .setProtectedHeader({ alg: 'HS256' })
            .sign(new TextEncoder().encode(SECRET));
          const response = await api.http
            .get('/api/v1/dashboard')
            .set('Authorization', `${spelling} ${token}`);
          // A second or two may pass between signing and checking: stay clear of the edges.
          const lifetime = iatOffset === undefined ? expOffset : expOffset - iatOffset;
          const clearlyFits = lifetime < MAX_LIFETIME - 5 && (iatOffset ?? 0) < CLOCK_SKEW - 5;
          const clearlyNot = lifetime > MAX_LIFETIME + 5 || (iatOffset ?? 0) > CLOCK_SKEW + 5;
          if (clearlyFits) expect(response.status).toBe(200);
          if (clearlyNot) {
            expect(response.status).toBe(401);
            expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
          }
          expect(response.text).not.toMatch(/\n\s+at /);
        },
      ),
      { numRuns: 150 },
    );
  });
});
