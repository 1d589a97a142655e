import type { Collection, Db } from 'mongodb';
import type { Position } from '#event-store';
import {
  positionOfText,
  positionText,
  type SubscriptionCheckpoints,
} from '../subscription-checkpoints.port';

export const CHECKPOINTS_COLLECTION = 'subscription_checkpoints';

/** Subscribers' checkpoints in MongoDB, shared by the replicas that take turns at subscribing. */
export class MongoSubscriptionCheckpoints implements SubscriptionCheckpoints {
  private readonly checkpoints: Collection<{ _id: string; position: string }>;

  constructor(db: Db) {
    this.checkpoints = db.collection(CHECKPOINTS_COLLECTION);
  }

  async load(name: string): Promise<Position | null> {
    const found = await this.checkpoints.findOne({ _id: name });
    return found ? positionOfText(found.position) : null;
  }

  async save(name: string, position: Position): Promise<void> {
    await this.checkpoints.replaceOne(
      { _id: name },
      { position: positionText(position) },
      { upsert: true },
    );
  }

  async close(): Promise<void> {}
}
