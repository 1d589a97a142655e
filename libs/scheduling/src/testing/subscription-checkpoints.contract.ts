import { positionAt } from '#event-store';
import type { SubscriptionCheckpoints } from '../subscription-checkpoints.port';

/** What every checkpoint store must do: the same suite runs on SQLite and, given a server, MongoDB. */
export function subscriptionCheckpointsContract(
  open: () => Promise<SubscriptionCheckpoints>,
): void {
  let checkpoints: SubscriptionCheckpoints;
  beforeEach(async () => (checkpoints = await open()));
  afterEach(() => checkpoints.close());

  it('has none before the first save', async () => {
    expect(await checkpoints.load('mail')).toBeNull();
  });

  it('gives back the last position saved under each name, 64-bit parts intact', async () => {
    const far = { commit: 2n ** 62n + 1n, prepare: 2n ** 62n };
    await checkpoints.save('mail', positionAt(7));
    await checkpoints.save('mail', far);
    await checkpoints.save('other', positionAt(3));
    expect(await checkpoints.load('mail')).toEqual(far);
    expect(await checkpoints.load('other')).toEqual(positionAt(3));
  });
}
