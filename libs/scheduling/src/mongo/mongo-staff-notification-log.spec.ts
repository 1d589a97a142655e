import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { describeWithServer } from '../../../event-store/src/testing/describe-with-server';
import { staffNotificationLogContract } from '../testing/staff-notification-log.contract';
import { MongoStaffNotificationLog } from './mongo-staff-notification-log';

describeWithServer('MONGODB_URI', 'MongoStaffNotificationLog against MongoDB (contract)', (uri) => {
  let client: MongoClient;
  beforeAll(async () => (client = await new MongoClient(uri).connect()));
  afterAll(() => client.close());
  staffNotificationLogContract(
    async () => new MongoStaffNotificationLog(client.db(`clf-test-${randomUUID()}`)),
  );
});
