import fc from 'fast-check';
import { SignJWT } from 'jose';
import { CLOCK_SKEW_SECONDS } from '../apps/api/src/auth/token-verifier';
import { loadConfig } from '../apps/api/src/config/app-config';
import { complaint, person, SECRET, startTestApp, type TestApp } from './support/test-app';

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

describe('random malformed bodies to every command: never a 5xx', () => {
  let api: TestApp;
  let caseId: string;
  beforeAll(async () => {
    api = await startTestApp();
    caseId = (
      await api.http
        .post('/api/v1/cases')
        .set(await api.auth(manager))
        .send(complaint())
    ).body.id;
  });
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
