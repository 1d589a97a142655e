import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { describeWithServer } from '../../../event-store/src/testing/describe-with-server';
import { subscriptionCheckpointsContract } from '../testing/subscription-checkpoints.contract';
import { MongoSubscriptionCheckpoints } from './mongo-subscription-checkpoints';

describeWithServer(
  'MONGODB_URI',
  'MongoSubscriptionCheckpoints against MongoDB (contract)',
  (uri) => {
    let client: MongoClient;
    beforeAll(async () => (client = await new MongoClient(uri).connect()));
    afterAll(() => client.close());
    subscriptionCheckpointsContract(
      async () => new MongoSubscriptionCheckpoints(client.db(`clf-test-${randomUUID()}`)),
    );
  },
);
