import { fullExample, minimalExample, type OpenApiDocument } from './support/openapi-example';
import { addPeople } from './support/people';
import { complaint, person, startTestApp, type TestApp } from './support/test-app';

/** Bodies in two forms the schema describes in words: each form is sent on its own. */
const EITHER_OR: Record<string, string[][]> = {
  '/api/v1/cases/{id}/guardian-notification': [
    ['notifiedAt', 'guardianName', 'method'],
    ['waived', 'reason'],
  ],
  '/api/v1/cases/{id}/extend-deadline': [
    ['deadline', 'stage', 'addWorkingDays', 'reason'],
    ['deadline', 'stage', 'newDueDate', 'reason', 'complainantInformedAt', 'override'],
  ],
};

describe('the API description', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp();
    // The examples name their owner "x": owners must be people in the directory.
    await addPeople(api.app, person('x', 'staff'));
  });
  afterAll(() => api.close());

  it('serves OpenAPI at /api/docs-json with every command, the bearer scheme and the problem responses', async () => {
    const response = await api.http.get('/api/docs-json').expect(200);
    const document = response.body;
    expect(document.openapi).toMatch(/^3\./);
    expect(document.components.securitySchemes.bearer).toMatchObject({
      type: 'http',
      scheme: 'bearer',
    });
    const paths = Object.keys(document.paths);
    for (const command of [
      'acknowledge',
      'assign',
      'escalate',
      'respond',
      'correspondence',
      'notes',
      'documents',
      'representative-authorisation',
      'guardian-notification',
      'confidentiality-notice',
      'external-referral',
      'categories',
      'close',
      'reopen',
    ])
      expect(paths).toContain(`/api/v1/cases/{id}/${command}`);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/v1/cases',
        '/api/v1/cases/{id}',
        '/api/v1/cases/by-reference/{reference}',
        '/api/v1/cases/{id}/documents/{documentId}',
      ]),
    );

    const escalate = document.paths['/api/v1/cases/{id}/escalate'].post;
    expect(escalate.security).toEqual([{ bearer: [] }]);
    expect(Object.keys(escalate.responses)).toEqual(
      expect.arrayContaining([
        '200',
        '400',
        '401',
        '403',
        '404',
        '409',
        '412',
        '413',
        '415',
        '422',
        '503',
      ]),
    );
    const receive = document.paths['/api/v1/cases'].post;
    expect(Object.keys(receive.responses)).not.toContain('404');
    expect(escalate.responses['422'].content['application/problem+json'].schema.$ref).toBe(
      '#/components/schemas/ProblemResponse',
    );
    expect(Object.keys(document.paths['/api/v1/cases/{id}/documents'].post.responses)).toEqual(
      expect.arrayContaining(['413', '415']),
    );

    const receiveSchema = document.components.schemas.ReceiveCaseRequest;
    expect(receiveSchema.required).toEqual(
      expect.arrayContaining(['kind', 'channel', 'summary', 'complainant']),
    );
    expect(receiveSchema.properties.summary).toMatchObject({ minLength: 1, maxLength: 200 });
    expect(receiveSchema.properties.kind.enum).toEqual(['complaint', 'compliment', 'suggestion']);
  });

  it('declares every header optional, and If-Match once per command on a case', async () => {
    const document: OpenApiDocument = (await api.http.get('/api/docs-json')).body;
    for (const [path, operations] of Object.entries(document.paths))
      for (const [method, operation] of Object.entries(operations)) {
        const headers = (operation.parameters ?? []).filter(
          (p: { in: string }) => p.in === 'header',
        );
        for (const header of headers)
          expect({ path, method, header: header.name, required: header.required }).toEqual({
            path,
            method,
            header: header.name,
            required: false,
          });
        const ifMatch = headers.filter((h: { name: string }) => /^if-match$/i.test(h.name));
        expect({ path, ifMatch: ifMatch.length }).toEqual({
          path,
          ifMatch: method === 'post' && path.startsWith('/api/v1/cases/{id}/') ? 1 : 0,
        });
      }
  });

  it('describes every nested object, and what the guardian notification needs in each form', async () => {
    const { schemas } = (await api.http.get('/api/docs-json')).body.components;
    const refOf = (property: { $ref?: string; allOf?: [{ $ref: string }] }) =>
      property.$ref ?? property.allOf?.[0].$ref;
    expect(refOf(schemas.ReceiveCaseRequest.properties.complainant)).toBe(
      '#/components/schemas/ComplainantRequest',
    );
    expect(refOf(schemas.ReceiveCaseRequest.properties.representative)).toBe(
      '#/components/schemas/RepresentativeRequest',
    );
    expect(refOf(schemas.ReceiveCaseRequest.properties.owner)).toBe(
      '#/components/schemas/PersonRequest',
    );
    expect(refOf(schemas.ReceiveCaseRequest.properties.resolvedAtFirstContact)).toBe(
      '#/components/schemas/FirstContactResolutionRequest',
    );
    expect(refOf(schemas.AssignOwnerRequest.properties.owner)).toBe(
      '#/components/schemas/PersonRequest',
    );
    expect(refOf(schemas.EscalateCaseRequest.properties.override)).toBe(
      '#/components/schemas/OverrideRequest',
    );
    expect(schemas.ComplainantRequest.required).toEqual(['name', 'role']);
    expect(schemas.GuardianNotificationRequest.required ?? []).not.toContain('reason');
  });

  it.each([
    ['smallest', minimalExample],
    ['fullest', fullExample],
  ])('accepts the %s request each command’s schema describes (no 400)', async (_, exampleOf) => {
    const manager = person('u-sue', 'senior-manager', 'operations-manager', 'quality');
    const headers = await api.auth(manager);
    const document: OpenApiDocument = (await api.http.get('/api/docs-json')).body;
    const commands = Object.entries(document.paths).flatMap(([path, operations]) =>
      operations.post?.requestBody?.content?.['application/json']
        ? [{ path, schema: operations.post.requestBody.content['application/json'].schema }]
        : [],
    );
    expect(commands.length).toBeGreaterThanOrEqual(14);
    for (const { path, schema } of commands) {
      const caseId = (
        await api.http
          .post('/api/v1/cases')
          .set(headers)
          .send(complaint({ complainant: { name: 'Ada', role: 'learner', under18: true } }))
      ).body.id;
      // A request of either-or forms is tried in each, each form with all its fields.
      const example = (EITHER_OR[path] ? fullExample : exampleOf)(document, schema) as Record<
        string,
        unknown
      >;
      const forms = EITHER_OR[path] ?? [Object.keys(example)];
      for (const form of forms) {
        const body = Object.fromEntries(Object.entries(example).filter(([k]) => form.includes(k)));
        if (Object.keys(body).length === 0 && Object.keys(example).length > 0) continue;
        const response = await api.http.post(path.replace('{id}', caseId)).set(headers).send(body);
        // Anything but 400 (the rules of the case's state may still refuse it, with 409 or 422).
        const outcome = { path, body, status: response.status, errors: response.body.errors };
        expect(outcome.status === 400 || outcome.status >= 500 ? outcome : 'accepted').toBe(
          'accepted',
        );
      }
    }
  });

  it('serves Swagger UI at /api/docs without a token', async () => {
    const response = await api.http.get('/api/docs/').expect(200);
    expect(response.text).toMatch(/swagger-ui/i);
  });
});
