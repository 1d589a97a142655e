import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { describeWithServer } from '../../../event-store/src/testing/describe-with-server';
import { documentStoreContract } from '../testing/document-store.contract';
import { GridFsDocumentStore } from './gridfs-document-store';

describeWithServer('MONGODB_URI', 'GridFsDocumentStore against MongoDB (contract)', (uri) => {
  documentStoreContract(async () => {
    const client = await new MongoClient(uri).connect();
    return new GridFsDocumentStore(client.db(`clf-test-${randomUUID()}`), client);
  });
});
