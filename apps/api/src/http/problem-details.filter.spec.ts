import { Logger, type ArgumentsHost } from '@nestjs/common';
import { ReadModelBehindError, UploadsBusyError } from './problem';
import { ProblemDetailsFilter, toProblem } from './problem-details.filter';
import { AppendTooLargeError } from '#event-store';

function hostAnswering() {
  const sent: { status?: number; body?: string } = {};
  const response = {
    headersSent: false,
    headers: {} as Record<string, string>,
    setHeader: (name: string, value: string) => ((response.headers[name] = value), response),
    status: (status: number) => ((sent.status = status), response),
    type: () => response,
    send: (body: string) => ((sent.body = body), response),
  };
  // An API request: the console's requests are answered with pages (test/console-sessions.e2e-spec.ts).
  const request = { path: '/api/v1/cases', app: { get: () => undefined } };
  const host = {
    switchToHttp: () => ({ getResponse: () => response, getRequest: () => request }),
  } as never as ArgumentsHost;
  return { host, sent, headers: response.headers };
}

describe('ProblemDetailsFilter logging', () => {
  afterEach(() => jest.restoreAllMocks());

  it('logs a known 503 as a warning naming the problem, without a stack', () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => {});
    const error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => {});
    const { host, sent } = hostAnswering();
    new ProblemDetailsFilter().catch(new ReadModelBehindError('42'), host);
    expect(sent.status).toBe(503);
    expect(error).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalledWith(
      expect.objectContaining({ type: expect.stringContaining('read-model-behind') }),
    );
    expect(JSON.stringify(warn.mock.calls)).not.toContain('at ');
  });

  it('logs an unexpected failure as an error with its stack, and tells the client nothing of it', () => {
    const error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => {});
    const { host, sent } = hostAnswering();
    new ProblemDetailsFilter().catch(new TypeError('x is undefined'), host);
    expect(sent.status).toBe(500);
    expect(String(error.mock.calls[0][0])).toContain('TypeError: x is undefined\n    at ');
    expect(sent.body).not.toContain('x is undefined');
  });
});

describe('upload refusals', () => {
  it('answers an upload its client cut off with 400, not a fault of ours', () => {
    const aborted = new Error('Request aborted');
    aborted.stack = `Error: Request aborted\n    at IncomingMessage.<anonymous> (/srv/clf/node_modules/multer/lib/make-middleware.js:242:28)`;
    expect(toProblem(aborted)).toMatchObject({ status: 400, code: 'upload-cut-off' });
    expect(toProblem(new Error('Request aborted')).status).toBe(500); // not multer's: ours to look at
  });

  it('tells a caller over the upload limit when to come back', () => {
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => {});
    const { host, sent, headers } = hostAnswering();
    new ProblemDetailsFilter().catch(new UploadsBusyError(10), host);
    expect(sent.status).toBe(503);
    expect(headers['Retry-After']).toBe('10');
    jest.restoreAllMocks();
  });
});

describe('the event store’s refusals', () => {
  it('answers an append larger than the event store takes with 413, not a fault of ours', () => {
    expect(toProblem(new AppendTooLargeError('clfcase-1', 1_048_576))).toMatchObject({
      status: 413,
      code: 'too-large-to-record',
    });
  });
});
