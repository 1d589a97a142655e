import { MongoServerError, type Collection, type Db } from 'mongodb';
import type { StaffNotificationLog, StaffNotificationRecord } from '../staff-notification-log.port';

export const STAFF_NOTIFICATIONS_COLLECTION = 'staff_notifications';

type Document = Omit<StaffNotificationRecord, 'id'> & { _id: string };

/** MongoDB's answer to a second insert of the same `_id`. */
const DUPLICATE_KEY = 11000;

/** The notification log in MongoDB, shared by the replicas: the unique `_id` decides a claim. */
export class MongoStaffNotificationLog implements StaffNotificationLog {
  private readonly notifications: Collection<Document>;

  constructor(db: Db) {
    this.notifications = db.collection(STAFF_NOTIFICATIONS_COLLECTION);
  }

  async claim({ id, ...rest }: Omit<StaffNotificationRecord, 'sentAt'>): Promise<boolean> {
    try {
      await this.notifications.insertOne({ _id: id, ...rest, sentAt: null });
      return true;
    } catch (error) {
      if (error instanceof MongoServerError && error.code === DUPLICATE_KEY) return false;
      throw error;
    }
  }

  async markSent(id: string, at: Date): Promise<void> {
    await this.notifications.updateOne({ _id: id }, { $set: { sentAt: at.toISOString() } });
  }

  async release(id: string): Promise<void> {
    await this.notifications.deleteOne({ _id: id, sentAt: null });
  }

  async recent(limit: number): Promise<StaffNotificationRecord[]> {
    const found = await this.notifications
      .find()
      .sort({ claimedAt: -1, _id: -1 })
      .limit(limit)
      .toArray();
    return found.map(({ _id, ...rest }) => ({ id: _id, ...rest }));
  }

  async close(): Promise<void> {}
}
