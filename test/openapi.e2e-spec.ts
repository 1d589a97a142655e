import { startTestApp, type TestApp } from './support/test-app';

describe('the API description', () => {
  let api: TestApp;
  beforeAll(async () => (api = await startTestApp()));
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

  it('serves Swagger UI at /api/docs without a token', async () => {
    const response = await api.http.get('/api/docs/').expect(200);
    expect(response.text).toMatch(/swagger-ui/i);
  });
});
