import type { CallHandler, ExecutionContext } from '@nestjs/common';
import { lastValueFrom, of } from 'rxjs';
import type { CaseProjections } from '#read-models';
import { toProblem } from '../http/problem-details.filter';
import { MIN_POSITION_WAIT_MS, MinPositionInterceptor } from './min-position.interceptor';

const requestWith = (header?: string) =>
  ({
    switchToHttp: () => ({ getRequest: () => ({ header: () => header }) }),
  }) as unknown as ExecutionContext;
const handler: CallHandler = { handle: () => of('answer') };

describe('X-CLF-Min-Position', () => {
  const waits: Array<[bigint, number]> = [];
  const projections = (reached: boolean) =>
    ({
      reached: async (commit: bigint, timeoutMs: number) => {
        waits.push([commit, timeoutMs]);
        return reached;
      },
    }) as unknown as CaseProjections;

  it('answers at once without the header', async () => {
    expect(
      await lastValueFrom(
        new MinPositionInterceptor(projections(false)).intercept(requestWith(), handler),
      ),
    ).toBe('answer');
  });

  it('waits up to five seconds for the position, then answers', async () => {
    const answer = new MinPositionInterceptor(projections(true)).intercept(
      requestWith('42'),
      handler,
    );
    expect(await lastValueFrom(answer)).toBe('answer');
    expect(waits.at(-1)).toEqual([42n, MIN_POSITION_WAIT_MS]);
    expect(MIN_POSITION_WAIT_MS).toBe(5_000);
  });

  it('is 503 read-model-behind when the read models do not get there in time', async () => {
    const answer = new MinPositionInterceptor(projections(false)).intercept(
      requestWith('42'),
      handler,
    );
    const error = await lastValueFrom(answer).catch((e: unknown) => e);
    expect(toProblem(error)).toMatchObject({ status: 503, code: 'read-model-behind' });
  });

  it('is 400 for a header that is not a position', () => {
    expect(() =>
      new MinPositionInterceptor(projections(true)).intercept(requestWith('soon'), handler),
    ).toThrow(expect.objectContaining({ name: 'InputValidationError' }));
  });
});
