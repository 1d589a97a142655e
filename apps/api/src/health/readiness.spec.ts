import type { ReadSide } from '#read-models';
import type { AppConfig } from '../config/app-config';
import type { Storage } from '../storage/storage';
import { HEALTH_LAG_COUNT, readiness } from './readiness';

const config = { role: 'all', policy: { id: 'dmm', version: '2022-02' } } as AppConfig;
const projections = {
  status: async () => [{ checkpoint: 4, lagEvents: 0, lagSeconds: 0, failed: null }],
} as unknown as ReadSide;

describe('readiness', () => {
  it('is ready when every store answers and the read models are up to date', async () => {
    const storage = {
      events: { headPosition: async () => null },
      documents: { ping: async () => undefined },
    } as unknown as Storage;
    const answer = await readiness(config, storage, projections);
    expect(answer.status).toBe('ready');
    expect(answer.checks.readModels).toMatchObject({ status: 'ok' });
  });

  it('is not ready when the document store does not answer', async () => {
    const storage = {
      events: { headPosition: async () => null },
      documents: { ping: async () => Promise.reject(new Error('gone')) },
    } as unknown as Storage;
    expect(await readiness(config, storage, projections)).toMatchObject({
      status: 'not-ready',
      checks: { documents: 'unavailable', eventStore: 'ok' },
    });
  });

  it('counts how far behind the read models are only as far as it needs to say so, as a probe runs every few seconds', async () => {
    const asked: unknown[] = [];
    const counting = {
      status: async (options?: unknown) => {
        asked.push(options);
        return [{ checkpoint: 4, lagEvents: 100, lagSeconds: 45, failed: null }];
      },
    } as unknown as ReadSide;
    const storage = {
      events: { headPosition: async () => null },
      documents: { ping: async () => undefined },
    } as unknown as Storage;
    const answer = await readiness(config, storage, counting);
    expect(asked).toEqual([{ countLagUpTo: HEALTH_LAG_COUNT }]);
    expect(answer.checks.readModels).toMatchObject({ status: 'behind', lagEvents: 100 });
  });
});
