import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { describeWithServer } from '../../../../libs/event-store/src/testing/describe-with-server';
import {
  apiTokenDocument,
  apiTokenRecord,
  MongoAccountStore,
  revokeFilter,
} from './mongo-account-store';
import { accountStoreContract } from './testing/account-store.contract';

describeWithServer('MONGODB_URI', 'MongoAccountStore against MongoDB (contract)', (uri) => {
  let client: MongoClient;
  beforeAll(async () => (client = await new MongoClient(uri).connect()));
  afterAll(() => client.close());
  accountStoreContract(async () => new MongoAccountStore(client.db(`clf-test-${randomUUID()}`)));
});

describe('MongoDB account documents (no server needed)', () => {
  it('keeps a token under its id and gives the same record back', () => {
    const record = {
      id: 't1',
      personId: 'u-ann',
      name: 'reporting',
      tokenHash: 'abc',
      createdAt: '2026-11-23T10:00:00.000Z',
      expiresAt: '2027-02-21T10:00:00.000Z',
      lastUsedAt: null,
      revokedAt: null,
    };
    expect(apiTokenDocument(record)).toMatchObject({ _id: 't1', tokenHash: 'abc' });
    expect(apiTokenDocument(record)).not.toHaveProperty('id');
    expect(apiTokenRecord(apiTokenDocument(record))).toEqual(record);
  });

  it('revokes only the person’s own token, and only one not revoked yet', () => {
    expect(revokeFilter('u-ann', 't1')).toEqual({ _id: 't1', personId: 'u-ann', revokedAt: null });
  });
});
