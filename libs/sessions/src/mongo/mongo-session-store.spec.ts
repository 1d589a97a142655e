import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { describeWithServer } from '../../../event-store/src/testing/describe-with-server';
import { sessionStoreContract } from '../testing/session-store.contract';
import { MongoSessionStore } from './mongo-session-store';

describeWithServer('MONGODB_URI', 'MongoSessionStore against MongoDB (contract)', (uri) => {
  let client: MongoClient;
  beforeAll(async () => (client = await new MongoClient(uri).connect()));
  afterAll(() => client.close());
  sessionStoreContract(async () => new MongoSessionStore(client.db(`clf-test-${randomUUID()}`)));
});
