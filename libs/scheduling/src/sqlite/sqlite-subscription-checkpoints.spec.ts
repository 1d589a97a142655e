import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { positionAt } from '#event-store';
import { subscriptionCheckpointsContract } from '../testing/subscription-checkpoints.contract';
import { SqliteSubscriptionCheckpoints } from './sqlite-subscription-checkpoints';

const aFile = () => join(mkdtempSync(join(tmpdir(), 'clf-checkpoints-')), 'checkpoints.db');

describe('SqliteSubscriptionCheckpoints (contract)', () => {
  subscriptionCheckpointsContract(async () => new SqliteSubscriptionCheckpoints(aFile()));
});

describe('SqliteSubscriptionCheckpoints', () => {
  it('keeps the checkpoints across a restart', async () => {
    const file = aFile();
    const before = new SqliteSubscriptionCheckpoints(file);
    await before.save('mail', positionAt(42));
    await before.close();
    const after = new SqliteSubscriptionCheckpoints(file);
    expect(await after.load('mail')).toEqual(positionAt(42));
    await after.close();
  });
});
