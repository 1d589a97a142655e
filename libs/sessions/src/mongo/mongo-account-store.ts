import type { Collection, Db } from 'mongodb';
import type { AccountStore, ResetLinkRecord } from '../account-store.port';

interface Secret {
  _id: string;
  hash?: string;
  personId?: string;
  expiresAt?: Date;
}

export const ACCOUNTS_COLLECTION = 'accountSecrets';

/** The same secrets in one MongoDB collection, keyed `password:<id>`, `reset:<hash>`, `setup-code`. */
export class MongoAccountStore implements AccountStore {
  private readonly secrets: Collection<Secret>;

  constructor(db: Db) {
    this.secrets = db.collection<Secret>(ACCOUNTS_COLLECTION);
  }

  async passwordHash(personId: string): Promise<string | undefined> {
    return (await this.secrets.findOne({ _id: `password:${personId}` }))?.hash;
  }

  async setPasswordHash(personId: string, hash: string): Promise<void> {
    await this.secrets.updateOne(
      { _id: `password:${personId}` },
      { $set: { hash } },
      { upsert: true },
    );
  }

  async addResetLink({ tokenHash, personId, expiresAt }: ResetLinkRecord): Promise<void> {
    await this.secrets.insertOne({ _id: `reset:${tokenHash}`, personId, expiresAt });
  }

  async findResetLink(tokenHash: string): Promise<ResetLinkRecord | undefined> {
    const found = await this.secrets.findOne({ _id: `reset:${tokenHash}` });
    return found?.personId && found.expiresAt
      ? { tokenHash, personId: found.personId, expiresAt: found.expiresAt }
      : undefined;
  }

  async takeResetLink(tokenHash: string): Promise<ResetLinkRecord | undefined> {
    const taken = await this.secrets.findOneAndDelete({ _id: `reset:${tokenHash}` });
    return taken?.personId && taken.expiresAt
      ? { tokenHash, personId: taken.personId, expiresAt: taken.expiresAt }
      : undefined;
  }

  async setupCodeHash(): Promise<string | undefined> {
    return (await this.secrets.findOne({ _id: 'setup-code' }))?.hash;
  }

  async setSetupCodeHash(hash: string | null): Promise<void> {
    if (hash === null) await this.secrets.deleteOne({ _id: 'setup-code' });
    else await this.secrets.updateOne({ _id: 'setup-code' }, { $set: { hash } }, { upsert: true });
  }

  async close(): Promise<void> {}
}
