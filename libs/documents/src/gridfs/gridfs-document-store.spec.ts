import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { describeWithServer } from '../../../event-store/src/testing/describe-with-server';
import { documentStoreContract } from '../testing/document-store.contract';
import { GridFsDocumentStore } from './gridfs-document-store';

describeWithServer('MONGODB_URI', 'GridFsDocumentStore against MongoDB (contract)', (uri) => {
  let client: MongoClient;
  beforeAll(async () => (client = await new MongoClient(uri).connect()));
  afterAll(() => client.close());
  documentStoreContract(async () => new GridFsDocumentStore(client.db(`clf-test-${randomUUID()}`)));
});
