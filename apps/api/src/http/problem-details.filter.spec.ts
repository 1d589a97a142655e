import { Logger, type ArgumentsHost } from '@nestjs/common';
import { ReadModelBehindError } from './problem';
import { ProblemDetailsFilter } from './problem-details.filter';

function hostAnswering() {
  const sent: { status?: number; body?: string } = {};
  const response = {
    headersSent: false,
    setHeader: () => response,
    status: (status: number) => ((sent.status = status), response),
    type: () => response,
    send: (body: string) => ((sent.body = body), response),
  };
  const host = { switchToHttp: () => ({ getResponse: () => response }) } as never as ArgumentsHost;
  return { host, sent };
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
