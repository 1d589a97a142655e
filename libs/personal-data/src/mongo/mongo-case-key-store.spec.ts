import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { describeWithServer } from '../../../event-store/src/testing/describe-with-server';
import { newDataKey } from '../sealing/aes-gcm';
import { caseKeyStoreContract } from '../testing/case-key-store.contract';
import { MongoCaseKeyStore } from './mongo-case-key-store';

describeWithServer('MONGODB_URI', 'MongoCaseKeyStore against MongoDB (contract)', (uri) => {
  let client: MongoClient;
  beforeAll(async () => (client = await new MongoClient(uri).connect()));
  afterAll(() => client.close());
  caseKeyStoreContract('MongoDB', async () => {
    const db = client.db(`clf-test-${randomUUID()}`);
    const masterKey = newDataKey();
    return {
      store: await MongoCaseKeyStore.open(db, masterKey),
      reopen: (key) => MongoCaseKeyStore.open(db, key),
      masterKey,
    };
  });
});
