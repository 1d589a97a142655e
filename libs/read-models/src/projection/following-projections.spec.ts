import type { EventStore } from '#event-store';
import type { ReadModelGenerations, ReadModelStore } from '../read-model.port';
import { FollowingProjections } from './following-projections';

describe('FollowingProjections.status', () => {
  const events = {
    readAll: async () => [],
    countAfter: async () => 0,
  } as unknown as EventStore;
  const store = { generation: 3, checkpoint: async () => null } as unknown as ReadModelStore;

  function following(failure: string | null) {
    const generations = {
      current: async () => store,
      rebuildRequest: async () => null,
      failure: async () => failure,
      close: async () => {},
    } as unknown as ReadModelGenerations;
    return new FollowingProjections(events, generations, () => new Date('2026-12-01T00:00:00Z'));
  }

  it('reports the failure the worker’s projections stopped on', async () => {
    const projections = following('ProjectionGapError: case c-1 skips revision 4');
    await projections.start();
    expect(await projections.status()).toEqual(
      ['case-queue', 'monthly-statistics', 'themes'].map((name) =>
        expect.objectContaining({
          name,
          generation: 3,
          failed: 'ProjectionGapError: case c-1 skips revision 4',
        }),
      ),
    );
    await projections.stop();
  });

  it('reports none while the worker’s projections run', async () => {
    const projections = following(null);
    await projections.start();
    expect((await projections.status())[0]).toMatchObject({ failed: null });
    await projections.stop();
  });
});
