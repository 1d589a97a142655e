import type { Collection, Db } from 'mongodb';
import type { SessionRecord, SessionStore } from '../session-store.port';

interface SessionDocument {
  _id: string;
  personId: string | null;
  csrfToken: string;
  createdAt: Date;
  lastSeenAt: Date;
}

export const SESSIONS_COLLECTION = 'consoleSessions';

const toRecord = ({ _id, ...rest }: SessionDocument): SessionRecord => ({ id: _id, ...rest });

/** Sessions shared by every replica, so signing out or deactivating someone holds everywhere at once. */
export class MongoSessionStore implements SessionStore {
  private readonly sessions: Collection<SessionDocument>;
  private indexed: Promise<unknown> | undefined;

  constructor(db: Db) {
    this.sessions = db.collection<SessionDocument>(SESSIONS_COLLECTION);
  }

  private ready(): Promise<unknown> {
    this.indexed ??= this.sessions.createIndex({ personId: 1 });
    return this.indexed;
  }

  async create({ id, ...rest }: SessionRecord): Promise<void> {
    await this.ready();
    await this.sessions.insertOne({ _id: id, ...rest });
  }

  async find(id: string): Promise<SessionRecord | undefined> {
    const found = await this.sessions.findOne({ _id: id });
    return found ? toRecord(found) : undefined;
  }

  async touch(id: string, at: Date): Promise<void> {
    await this.sessions.updateOne({ _id: id }, { $set: { lastSeenAt: at } });
  }

  async remove(id: string): Promise<void> {
    await this.sessions.deleteOne({ _id: id });
  }

  async removeForPerson(personId: string): Promise<number> {
    await this.ready();
    return (await this.sessions.deleteMany({ personId })).deletedCount;
  }

  async removeExpired(idleBefore: Date, startedBefore: Date): Promise<number> {
    const { deletedCount } = await this.sessions.deleteMany({
      $or: [{ lastSeenAt: { $lt: idleBefore } }, { createdAt: { $lt: startedBefore } }],
    });
    return deletedCount;
  }

  async close(): Promise<void> {}
}
