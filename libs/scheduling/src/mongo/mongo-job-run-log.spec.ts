import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { describeWithServer } from '../../../event-store/src/testing/describe-with-server';
import { jobRunLogContract } from '../testing/job-run-log.contract';
import { MongoJobRunLog } from './mongo-job-run-log';

describeWithServer('MONGODB_URI', 'MongoJobRunLog against MongoDB (contract)', (uri) => {
  let client: MongoClient;
  beforeAll(async () => (client = await new MongoClient(uri).connect()));
  afterAll(() => client.close());
  jobRunLogContract(async () => new MongoJobRunLog(client.db(`clf-test-${randomUUID()}`)));
});
