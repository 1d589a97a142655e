import { connect, type AddressInfo } from 'node:net';
import { SignJWT } from 'jose';
import { MAX_JSON_KEYS, MAX_JSON_OBJECT_KEYS } from '../apps/api/src/http/json-body.guard';
import { MAX_LISTED_ERRORS } from '../apps/api/src/http/problem';
import {
  complaint,
  person,
  SECRET,
  startTestApp,
  tokenFor,
  type TestApp,
} from './support/test-app';

const staff = person('u-sam', 'staff');
const ops = person('u-olu', 'operations-manager');
const quality = person('u-quinn', 'quality');

/** Every error is problem+json with the status in the body and nothing of the server's insides. */
function expectProblem(
  response: { status: number; headers: Record<string, string>; body: any; text: string },
  status: number,
  code?: string,
) {
  expect(response.status).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(response.body).toMatchObject({
    status,
    type: expect.stringMatching(/^urn:clf:problem:/),
    title: expect.any(String),
    detail: expect.any(String),
  });
  if (code) expect(response.body.code).toBe(code);
  expect(response.text).not.toMatch(/\n\s+at |node_modules|\.ts:\d+/);
}

const manyObjectKeys = (count: number) =>
  Object.fromEntries(Array.from({ length: count }, (_, i) => [`k${i}`, 0]));

describe('errors: RFC 9457 problem details with the statuses the API documents', () => {
  let api: TestApp;
  beforeAll(async () => (api = await startTestApp({ now: '2026-11-23T10:00:00Z' })));
  afterAll(() => api.close());

  const post = async (path: string, body: unknown, actor = staff) =>
    api.http
      .post(`/api/v1${path}`)
      .set(await api.auth(actor))
      .send(body as object);
  const newCase = async (overrides = {}) =>
    (await post('/cases', complaint(overrides))).body.id as string;

  describe('400: invalid input, each field named', () => {
    it.each([
      ['an unknown field', complaint({ priority: 'high' }), 'priority'],
      [
        'an unknown nested field',
        complaint({ complainant: { name: 'A', role: 'learner', age: 17 } }),
        'complainant.age',
      ],
      [
        'a missing required field',
        { kind: 'complaint', channel: 'phone', complainant: { name: 'A', role: 'learner' } },
        'summary',
      ],
      ['a blank summary', complaint({ summary: '   ' }), 'summary'],
      ['a summary of 201 characters', complaint({ summary: 'x'.repeat(201) }), 'summary'],
      ['details over 20,000 characters', complaint({ details: 'x'.repeat(20_001) }), 'details'],
      ['an unknown kind', complaint({ kind: 'grumble' }), 'kind'],
      ['an unknown channel', complaint({ channel: 'pigeon' }), 'channel'],
      [
        'an unknown complainant role',
        complaint({ complainant: { name: 'A', role: 'alien' } }),
        'complainant.role',
      ],
      [
        'eleven categories',
        complaint({ categories: Array.from({ length: 11 }, (_, i) => `c${i}`) }),
        'categories',
      ],
      ['a category that is not a string', complaint({ categories: [42] }), 'categories'],
      ['a date that is not an instant', complaint({ receivedAt: '23/11/2026' }), 'receivedAt'],
      ['a time without its offset', complaint({ receivedAt: '2026-11-23T09:00:00' }), 'receivedAt'],
      [
        'a date that does not exist',
        complaint({ receivedAt: '2026-02-30T09:00:00Z' }),
        'receivedAt',
      ],
      ['a date before 2000', complaint({ receivedAt: '0001-01-01T00:00:00Z' }), 'receivedAt'],
      ['a blank category', complaint({ categories: [' '] }), 'categories'],
      [
        'an invalid e-mail address',
        complaint({ complainant: { name: 'A', role: 'learner', email: 'nope' } }),
        'complainant.email',
      ],
      ['a string where an object belongs', complaint({ complainant: 'Ada' }), 'complainant'],
      [
        'a flag that is not a boolean',
        complaint({ responseRequested: 'yes' }),
        'responseRequested',
      ],
    ])('refuses %s', async (_, body, field) => {
      const response = await post('/cases', body);
      expectProblem(response, 400, 'validation-failed');
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    });

    it('refuses a time in the future (by the server’s clock), naming the field', async () => {
      const response = await post('/cases', complaint({ receivedAt: '2026-11-23T10:00:01Z' }));
      expectProblem(response, 400, 'time-in-future');
      expect(response.body.errors).toEqual([{ field: 'receivedAt', message: expect.any(String) }]);
    });

    it('refuses malformed JSON, and JSON that is not an object', async () => {
      const malformed = await api.http
        .post('/api/v1/cases')
        .set(await api.auth(staff))
        .set('Content-Type', 'application/json')
        .send('{"kind": "complaint",');
      expectProblem(malformed, 400, 'malformed-json');
      const array = await api.http
        .post('/api/v1/cases')
        .set(await api.auth(staff))
        .set('Content-Type', 'application/json')
        .send('[1,2]');
      expectProblem(array, 400);
    });

    it('refuses JSON nested deeper than any request needs (never a stack overflow)', async () => {
      const deep = '{"text":' + '{"a":'.repeat(5000) + '1' + '}'.repeat(5000) + '}';
      const response = await api.http
        .post('/api/v1/cases')
        .set(await api.auth(staff))
        .set('Content-Type', 'application/json')
        .send(deep);
      expectProblem(response, 400, 'validation-failed');
    });

    it.each(['__proto__', 'constructor', 'toString'])(
      'refuses a field called %s rather than dropping it',
      async (key) => {
        const response = await api.http
          .post('/api/v1/cases')
          .set(await api.auth(staff))
          .set('Content-Type', 'application/json')
          .send(
            `{"kind":"complaint","channel":"phone","summary":"s","complainant":{"name":"A","role":"learner","${key}":{"x":1}}}`,
          );
        expectProblem(response, 400, 'validation-failed');
        expect(response.body.errors).toEqual([
          { field: `complainant.${key}`, message: `property ${key} should not exist` },
        ]);
      },
    );

    it('says a missing field is required, once', async () => {
      const response = await post('/cases', {
        kind: 'complaint',
        channel: 'phone',
        complainant: { name: 'A', role: 'learner' },
      });
      expect(response.body.errors).toEqual([{ field: 'summary', message: 'summary is required' }]);
    });

    it('refuses a body that claims to be compressed but is not (400, not 500)', async () => {
      const response = await api.http
        .post('/api/v1/cases')
        .set(await api.auth(staff))
        .set('Content-Type', 'application/json')
        .set('Content-Encoding', 'gzip')
        .send('{"not":"gzip"}');
      expectProblem(response, 400);
    });

    it.each([
      ['GET /cases?q=', () => `/cases?q=${encodeURIComponent('Ada\u0000')}`, 'q'],
      ['GET /cases?category=', () => `/cases?category=a%0Ab`, 'category'],
      ['GET /cases/:id/history?asOf=', (id: string) => `/cases/${id}/history?asOf=2026%1F`, 'asOf'],
      ['GET /reports/monthly?month=', () => `/reports/monthly?month=2026-11%7F`, 'month'],
      ['GET /reports/themes?from=', () => `/reports/themes?from=%C2%85`, 'from'],
      ['an unknown parameter', () => `/dashboard?x[y]=%00`, 'x'],
    ])(
      'refuses a control character in a query parameter: %s (400, never 500)',
      async (_, path, field) => {
        const id = await newCase();
        const response = await api.http.get(`/api/v1${path(id)}`).set(await api.auth(ops));
        expectProblem(response, 400, 'validation-failed');
        expect(response.body.errors).toEqual([
          {
            field: expect.stringContaining(field),
            message: expect.stringMatching(/control character/),
          },
        ]);
      },
    );

    it('refuses a malformed If-Match and a malformed Idempotency-Key', async () => {
      const id = await newCase();
      const ifMatch = await api.http
        .post(`/api/v1/cases/${id}/notes`)
        .set(await api.auth(staff))
        .set('If-Match', '"1')
        .send({ text: 'x' });
      expectProblem(ifMatch, 400, 'validation-failed');
      const key = await api.http
        .post('/api/v1/cases')
        .set(await api.auth(staff))
        .set('Idempotency-Key', 'x'.repeat(201))
        .send(complaint());
      expectProblem(key, 400, 'validation-failed');
    });
  });

  describe('401: no proof of who is calling', () => {
    const noteWith = async (authorization: string | undefined) => {
      const id = await newCase();
      const request = api.http.post(`/api/v1/cases/${id}/notes`);
      if (authorization) request.set('Authorization', authorization);
      return request.send({ text: 'x' });
    };
    const sign = (header: object, payload: object, secret = SECRET) =>
      new SignJWT(payload as never)
        .setProtectedHeader(header as never)
        .sign(new TextEncoder().encode(secret));
    const inAnHour = () => Math.floor(Date.now() / 1000) + 3600;

    it('without a token', async () => {
      const response = await noteWith(undefined);
      expectProblem(response, 401, 'unauthenticated');
      expect(response.headers['www-authenticate']).toBe('Bearer');
    });
    it('with a token signed by another secret', async () =>
      expectProblem(
        await noteWith(
          `Bearer ${await sign({ alg: 'HS256' }, { sub: 'u', roles: ['staff'], exp: inAnHour() }, 'another-secret-another-secret-another-secret')}`,
        ),
        401,
      ));
    it('with an expired token', async () => {
      const expired = await tokenFor(staff, {
        now: new Date(Date.now() - 2 * 3600_000),
        expiresInSeconds: 3600,
      });
      const response = await noteWith(`Bearer ${expired}`);
      expectProblem(response, 401);
      expect(response.body.detail).toMatch(/expired/);
    });
    it('with an unsigned token (alg: none)', async () => {
      const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
      const unsigned = `${encode({ alg: 'none', typ: 'JWT' })}.${encode({ sub: 'u-sam', roles: ['staff'], exp: inAnHour() })}.`;
      expectProblem(await noteWith(`Bearer ${unsigned}`), 401);
    });
    it('with a token that never expires', async () =>
      expectProblem(
        await noteWith(
          `Bearer ${await sign({ alg: 'HS256' }, { sub: 'u-sam', roles: ['staff'] })}`,
        ),
        401,
      ));
    it('with a token claiming to be a scheduled job', async () =>
      expectProblem(
        await noteWith(
          `Bearer ${await sign({ alg: 'HS256' }, { sub: 'system:auto-close', roles: [], exp: inAnHour() })}`,
        ),
        401,
      ));
    it('with something that is not a JWT', async () =>
      expectProblem(await noteWith('Bearer not.a.jwt'), 401));
    it('with another scheme', async () => expectProblem(await noteWith('Basic dTpw'), 401));
    it('with a token issued to live 100 years', async () => {
      const now = Math.floor(Date.now() / 1000);
      const centennial = await sign(
        { alg: 'HS256' },
        { sub: 'u-sam', roles: ['staff'], iat: now, exp: now + 100 * 365 * 86_400 },
      );
      // Twice: a refusal is never remembered as a success by the verified-token cache.
      for (let attempt = 0; attempt < 2; attempt += 1) {
        const response = await noteWith(`Bearer ${centennial}`);
        expectProblem(response, 401, 'unauthenticated');
        expect(response.body.detail).toMatch(/valid for longer than the 12h this server accepts/);
      }
    });
    it('with a token issued an hour from now', async () => {
      const now = Math.floor(Date.now() / 1000);
      const response = await noteWith(
        `Bearer ${await sign({ alg: 'HS256' }, { sub: 'u-sam', roles: ['staff'], iat: now + 3600, exp: now + 7200 })}`,
      );
      expectProblem(response, 401, 'unauthenticated');
      expect(response.body.detail).toMatch(/issue time \(iat\) is in the future/);
    });
  });

  describe('the bearer scheme in any letter case (RFC 9110)', () => {
    it.each(['bearer', 'BEARER', 'bEaReR'])('%s <token> is accepted', async (scheme) => {
      const id = await newCase();
      const token = (await api.auth(staff)).Authorization.replace(/^Bearer /, '');
      const response = await api.http
        .post(`/api/v1/cases/${id}/notes`)
        .set('Authorization', `${scheme} ${token}`)
        .send({ text: 'x' });
      expect(response.status).toBe(200);
    });
  });

  it('403: a role that may not do it', async () => {
    const id = await newCase();
    const response = await post(`/cases/${id}/acknowledge`, {}, quality);
    expectProblem(response, 403, 'role-not-permitted');
  });

  it('404: no such case, an id that is not one, a case the caller may not see, no such route', async () => {
    expectProblem(
      await post('/cases/9b7e2a40-7a1d-4c5e-8f3a-1d2c3b4a5e6f/notes', { text: 'x' }),
      404,
      'case-not-found',
    );
    expectProblem(await post('/cases/not-a-uuid/notes', { text: 'x' }), 404, 'case-not-found');
    const id = await newCase();
    const stranger = person('u-other', 'staff');
    expectProblem(await post(`/cases/${id}/notes`, { text: 'x' }, stranger), 404, 'case-not-found');
    expectProblem(await api.http.get(`/api/v1/cases/${id}`).set(await api.auth(stranger)), 404);
    expectProblem(
      await api.http.get('/api/v1/cases/by-reference/DMM-2026-99999').set(await api.auth(ops)),
      404,
    );
    expectProblem(await api.http.get('/api/v1/no-such-thing').set(await api.auth(ops)), 404);
  });

  it('finds a case by its reference in any letter case', async () => {
    const created = (await post('/cases', complaint())).body;
    const lower = await api.http
      .get(`/api/v1/cases/by-reference/${created.reference.toLowerCase()}`)
      .set(await api.auth(ops));
    expect(lower.status).toBe(200);
    expect(lower.body).toMatchObject({ id: created.id, reference: created.reference });
  });

  it('409: a closed case cannot be acknowledged', async () => {
    const id = await newCase();
    await post(`/cases/${id}/close`, { reason: 'withdrawn' }, ops);
    expectProblem(await post(`/cases/${id}/acknowledge`, {}), 409, 'case-closed');
  });

  it('412: If-Match names a revision the case has moved past, and the problem says which it is at', async () => {
    const id = await newCase();
    await post(`/cases/${id}/notes`, { text: 'first' });
    const stale = await api.http
      .post(`/api/v1/cases/${id}/notes`)
      .set(await api.auth(staff))
      .set('If-Match', '"0"')
      .send({ text: 'second' });
    expectProblem(stale, 412, 'stale-revision');
    expect(stale.body.currentRevision).toBe(1);
    const weak = await api.http
      .post(`/api/v1/cases/${id}/notes`)
      .set(await api.auth(staff))
      .set('If-Match', 'W/"1"')
      .send({ text: 'second' });
    expectProblem(weak, 412, 'stale-revision');
    const onCreate = await api.http
      .post('/api/v1/cases')
      .set(await api.auth(staff))
      .set('If-Match', '"7"')
      .send(complaint());
    expectProblem(onCreate, 412, 'no-case-to-match');
    const current = await api.http
      .post(`/api/v1/cases/${id}/notes`)
      .set(await api.auth(staff))
      .set('If-Match', '"1"')
      .send({ text: 'second' });
    expect(current.status).toBe(200);
  });

  it('413: a JSON body over 1 MB', async () => {
    const response = await post('/cases', complaint({ details: 'x'.repeat(1_100_000) }));
    expectProblem(response, 413, 'body-too-large');
  });

  describe('413: a JSON body with more keys than any request needs, refused before validation', () => {
    const manyKeys = (count: number) =>
      Object.fromEntries(Array.from({ length: count }, (_, i) => [i.toString(36), 0]));

    it.each([
      [
        'in one object',
        { ...complaint(), complainant: manyKeys(80_000) },
        'too-many-json-object-keys',
      ],
      [
        'spread over objects of 40 keys',
        { ...complaint(), details: Array.from({ length: 2_000 }, () => manyKeys(40)) },
        'too-many-json-keys',
      ],
    ])(
      '80,000 keys %s in a body under 1 MB: a short problem naming the limit',
      async (_, json, code) => {
        const body = JSON.stringify(json);
        expect(body.length).toBeLessThan(1_048_576);
        const response = await api.http
          .post('/api/v1/cases')
          .set(await api.auth(staff))
          .set('Content-Type', 'application/json')
          .send(body);
        expectProblem(response, 413, code);
        expect(response.text.length).toBeLessThan(1_000);
      },
    );

    it('too many keys in one object, and too many array items', async () => {
      const wide = await post(
        '/cases',
        complaint({ complainant: manyKeys(MAX_JSON_OBJECT_KEYS + 1) }),
      );
      expectProblem(wide, 413, 'too-many-json-object-keys');
      expect(wide.body.detail).toContain(
        `complainant holds more than ${MAX_JSON_OBJECT_KEYS} keys`,
      );
      const items = Array.from({ length: MAX_JSON_KEYS + 1 }, () => 'c');
      expectProblem(
        await post('/cases', complaint({ categories: items })),
        413,
        'too-many-json-keys',
      );
      expect(
        (
          await post(
            '/cases',
            complaint({
              complainant: { ...manyKeys(MAX_JSON_OBJECT_KEYS - 2), name: 'A', role: 'learner' },
            }),
          )
        ).status,
      ).toBe(400);
    });
  });

  it('400 lists the first fields at fault and says how many more it left off', async () => {
    const unknown = Object.fromEntries(Array.from({ length: 45 }, (_, i) => [`x${i}`, i]));
    const response = await post('/cases', { ...complaint(), ...unknown });
    expectProblem(response, 400, 'validation-failed');
    expect(response.body.errors).toHaveLength(MAX_LISTED_ERRORS);
    expect(response.body.errorsLeftOff).toBe(45 - MAX_LISTED_ERRORS);
    expect(response.body.detail).toContain(`${45 - MAX_LISTED_ERRORS} more`);
  });

  it('keeps a problem short however long the names of the fields at fault', async () => {
    const longName = (n: number, length: number) => `${n}`.padEnd(length, 'k');
    const unknownLong = Object.fromEntries(
      Array.from({ length: 45 }, (_, i) => [longName(i, 20_000), i]),
    );
    const invalid = await post('/cases', { ...complaint(), ...unknownLong });
    expectProblem(invalid, 400, 'validation-failed');
    expect(invalid.text.length).toBeLessThan(20_000);
    const wideWithLongKey = {
      ...Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, 0])),
      [longName(0, 200_000)]: { name: 'A' },
    };
    const tooWide = await post('/cases', complaint({ complainant: wideWithLongKey }));
    expectProblem(tooWide, 413, 'too-many-json-object-keys');
    expect(tooWide.text.length).toBeLessThan(2_000);
    const deepWithLongKey = { [longName(1, 200_000)]: { [longName(2, 51)]: manyObjectKeys(51) } };
    const tooWideInside = await post('/cases', complaint({ details: deepWithLongKey }));
    expect(tooWideInside.text.length).toBeLessThan(2_000);
  });

  it('422: stage 3 requested after the window; an Idempotency-Key reused for another request', async () => {
    const id = await newCase({ formality: 'formal' });
    api.clock.set('2026-11-30T10:00:00Z');
    await post(`/cases/${id}/respond`, { summary: 'Answered', outcome: 'not-upheld' }, ops);
    api.clock.set('2027-01-05T10:00:00Z');
    expectProblem(
      await post(`/cases/${id}/escalate`, { reason: 'Unhappy' }, ops),
      422,
      'escalation-window-closed',
    );

    const first = await api.http
      .post('/api/v1/cases')
      .set(await api.auth(staff))
      .set('Idempotency-Key', 'k-1')
      .send(complaint());
    expect(first.status).toBe(201);
    const reused = await api.http
      .post('/api/v1/cases')
      .set(await api.auth(staff))
      .set('Idempotency-Key', 'k-1')
      .send(complaint({ summary: 'Something else' }));
    expectProblem(reused, 422, 'idempotency-key-reused');
  });
});

describe('415: a command body that is not JSON', () => {
  it('is refused, saying what to send', async () => {
    const api = await startTestApp();
    try {
      const response = await api.http
        .post('/api/v1/cases')
        .set(await api.auth(staff))
        .set('Content-Type', 'application/x-www-form-urlencoded')
        .send('kind=complaint&channel=phone');
      expectProblem(response, 415, 'unsupported-media-type');
    } finally {
      await api.close();
    }
  });
});

describe('requests Node’s HTTP parser refuses before the application sees them', () => {
  let api: TestApp;
  let port: number;
  beforeAll(async () => {
    api = await startTestApp();
    await api.app.listen(0, '127.0.0.1');
    port = (api.app.getHttpServer().address() as AddressInfo).port;
  });
  afterAll(() => api.close());

  /** Sends bytes as they are and reads the whole answer (the server closes the connection). */
  const exchange = (raw: string) =>
    new Promise<{ status: number; headers: string; body: string }>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => socket.end(raw));
      const chunks: Buffer[] = [];
      socket.on('data', (chunk) => chunks.push(chunk));
      socket.on('error', reject);
      socket.on('close', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const [head, body = ''] = text.split('\r\n\r\n', 2);
        resolve({ status: Number(head.split(' ')[1]), headers: head, body });
      });
    });

  it.each([
    [
      'headers too large',
      `GET /health/live HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
      431,
      'headers-too-large',
    ],
    ['a malformed request line', 'NOT HTTP AT ALL\r\n\r\n', 400, 'malformed-request'],
    [
      'a malformed header',
      'GET /health/live HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n',
      400,
      'malformed-request',
    ],
    [
      'both Content-Length and chunked',
      'POST /api/v1/cases HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
      400,
      'malformed-request',
    ],
  ])('%s: answered with problem+json, not an empty body', async (_, raw, status, code) => {
    const response = await exchange(raw);
    expect(response.status).toBe(status);
    expect(response.headers).toMatch(/\r\ncontent-type: application\/problem\+json/i);
    expect(JSON.parse(response.body)).toEqual({
      type: `urn:clf:problem:${code}`,
      title: expect.any(String),
      status,
      detail: expect.any(String),
      code,
    });
  });
});
