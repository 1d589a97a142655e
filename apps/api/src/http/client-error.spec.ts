import { clientErrorProblem, rawProblemResponse } from './client-error';

const parserError = (code: string) => Object.assign(new Error('Parse Error'), { code });

describe('clientErrorProblem', () => {
  it.each([
    ['HPE_HEADER_OVERFLOW', 431, 'headers-too-large'],
    ['ERR_HTTP_REQUEST_TIMEOUT', 408, 'request-timeout'],
    ['HPE_INVALID_METHOD', 400, 'malformed-request'],
    ['HPE_UNEXPECTED_CONTENT_LENGTH', 400, 'malformed-request'],
  ])('%s is %i %s', (code, status, problemCode) => {
    expect(clientErrorProblem(parserError(code))).toMatchObject({ status, code: problemCode });
  });

  it('says how large the headers may be', () => {
    expect(clientErrorProblem(parserError('HPE_HEADER_OVERFLOW')).detail).toMatch(/\d+ kB/);
  });
});

describe('rawProblemResponse', () => {
  it('is a whole HTTP/1.1 response whose Content-Length counts the body’s bytes', () => {
    const raw = rawProblemResponse(clientErrorProblem(parserError('HPE_HEADER_OVERFLOW')));
    const [head, body] = raw.split('\r\n\r\n');
    expect(head.split('\r\n')[0]).toBe('HTTP/1.1 431 Request Header Fields Too Large');
    expect(head).toContain('\r\nContent-Type: application/problem+json');
    expect(head).toContain('\r\nConnection: close');
    expect(head).toContain(`\r\nContent-Length: ${Buffer.byteLength(body)}`);
    expect(JSON.parse(body)).toMatchObject({
      status: 431,
      title: 'Request header fields too large',
    });
  });
});
