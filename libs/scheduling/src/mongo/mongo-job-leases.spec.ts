import { randomUUID } from 'node:crypto';
import { MongoClient, MongoServerError, type Db } from 'mongodb';
import { describeWithServer } from '../../../event-store/src/testing/describe-with-server';
import { mayTake, stillHeld } from '../job-lease.port';
import { jobLeasesContract } from '../testing/job-leases.contract';
import {
  acquireFilter,
  acquireUpdate,
  heldFilter,
  isDuplicateKey,
  MongoJobLeases,
  releaseUpdate,
  renewUpdate,
  SERVER_TIME,
} from './mongo-job-leases';

describeWithServer('MONGODB_URI', 'MongoJobLeases against MongoDB (contract)', (uri) => {
  let client: MongoClient;
  beforeAll(async () => (client = await new MongoClient(uri).connect()));
  afterAll(() => client.close());
  jobLeasesContract(
    async (clock) => new MongoJobLeases(client.db(`clf-test-${randomUUID()}`), clock),
  );
});

describe('MongoDB lease operations (no server needed)', () => {
  const now = new Date('2026-11-23T10:00:00Z');

  it('takes a job’s lease only when its term has ended or it is the holder’s own, as mayTake says', () => {
    expect(acquireFilter('sla-sweep', 'replica-a', now)).toEqual({
      _id: 'sla-sweep',
      $or: [{ $expr: { $lte: ['$expiresAt', { $literal: now }] } }, { holder: 'replica-a' }],
    });
    const running = { holder: 'replica-b', token: 3, expiresAt: new Date(now.getTime() + 1) };
    expect(mayTake(running, 'replica-a', now)).toBe(false);
    expect(mayTake({ ...running, expiresAt: now }, 'replica-a', now)).toBe(true);
    expect(mayTake(running, 'replica-b', now)).toBe(true);
    expect(mayTake(null, 'replica-a', now)).toBe(true);
  });

  it('sets the holder and term and raises the token in the same write', () => {
    expect(acquireUpdate('replica-a', now, 60_000)).toEqual([
      {
        $set: {
          holder: { $literal: 'replica-a' },
          expiresAt: { $add: [{ $literal: now }, 60_000] },
          token: { $add: [{ $ifNull: ['$token', 0] }, 1] },
        },
      },
    ]);
  });

  it('times terms by the server’s clock when given no clock of its own', async () => {
    const sent: unknown[] = [];
    const expiresAt = new Date('2026-11-23T10:01:00Z');
    const collection = {
      findOneAndUpdate: async (...args: unknown[]) => {
        sent.push(args);
        return { _id: 'sla-sweep', holder: 'replica-a', token: 1, expiresAt };
      },
      updateOne: async (...args: unknown[]) => void sent.push(args),
    };
    const leases = new MongoJobLeases({ collection: () => collection } as unknown as Db);
    const lease = (await leases.acquire('sla-sweep', 'replica-a', 60_000))!;
    expect(lease.expiresAt).toBe(expiresAt);
    expect(await leases.renew(lease, 60_000)).toEqual({ ...lease, expiresAt });
    await leases.release(lease);
    expect(sent).toEqual([
      [
        acquireFilter('sla-sweep', 'replica-a', SERVER_TIME),
        acquireUpdate('replica-a', SERVER_TIME, 60_000),
        expect.anything(),
      ],
      [heldFilter(lease), renewUpdate(SERVER_TIME, 60_000), expect.anything()],
      [heldFilter(lease), releaseUpdate(SERVER_TIME)],
    ]);
    expect(JSON.stringify(sent)).toContain('"$$NOW"');
    expect(JSON.stringify(sent)).not.toMatch(/"\d{4}-\d\d-\d\dT/);
  });

  it('renews and releases only the lease with the same holder and token', () => {
    const lease = { job: 'auto-close', holder: 'replica-a', token: 7, expiresAt: now };
    expect(heldFilter(lease)).toEqual({ _id: 'auto-close', holder: 'replica-a', token: 7 });
    expect(stillHeld({ holder: 'replica-a', token: 8, expiresAt: now }, lease)).toBe(false);
    expect(stillHeld({ holder: 'replica-a', token: 7, expiresAt: now }, lease)).toBe(true);
  });

  it('reads a duplicate-key failure of the upsert as “held by another”, and nothing else', () => {
    expect(isDuplicateKey(new MongoServerError({ message: 'E11000', code: 11000 }))).toBe(true);
    expect(isDuplicateKey(new MongoServerError({ message: 'not primary', code: 10107 }))).toBe(
      false,
    );
    expect(isDuplicateKey(new Error('network'))).toBe(false);
  });
});
