import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { describeWithServer } from '../../../event-store/src/testing/describe-with-server';
import { accountStoreContract } from '../testing/account-store.contract';
import { MongoAccountStore } from './mongo-account-store';

describeWithServer('MONGODB_URI', 'MongoAccountStore against MongoDB (contract)', (uri) => {
  let client: MongoClient;
  beforeAll(async () => (client = await new MongoClient(uri).connect()));
  afterAll(() => client.close());
  accountStoreContract(async () => new MongoAccountStore(client.db(`clf-test-${randomUUID()}`)));
});
