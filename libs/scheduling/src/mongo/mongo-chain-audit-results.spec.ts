import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { describeWithServer } from '../../../event-store/src/testing/describe-with-server';
import { chainAuditResultsContract } from '../testing/chain-audit-results.contract';
import { MongoChainAuditResults } from './mongo-chain-audit-results';

describeWithServer('MONGODB_URI', 'MongoChainAuditResults against MongoDB (contract)', (uri) => {
  let client: MongoClient;
  beforeAll(async () => (client = await new MongoClient(uri).connect()));
  afterAll(() => client.close());
  chainAuditResultsContract(
    async () => new MongoChainAuditResults(client.db(`clf-test-${randomUUID()}`)),
  );
});
