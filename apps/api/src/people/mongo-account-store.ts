import type { Collection, Db } from 'mongodb';
import type { AccountStore, ApiTokenRecord, ResetLinkRecord } from './account-store.port';

interface PasswordDocument {
  _id: string;
  hash: string;
  changedAt: string;
}
type ResetLinkDocument = Omit<ResetLinkRecord, 'tokenHash'> & { _id: string };
type ApiTokenDocument = Omit<ApiTokenRecord, 'id'> & { _id: string };
interface SetupCodeDocument {
  _id: 'setup-code';
  codeHash: string;
}

export const ACCOUNT_COLLECTIONS = {
  passwords: 'accountPasswords',
  resetLinks: 'accountResetLinks',
  apiTokens: 'accountApiTokens',
  setupCode: 'accountSetupCode',
  digestOptOuts: 'accountDigestOptOuts',
} as const;

export const apiTokenDocument = ({ id, ...rest }: ApiTokenRecord): ApiTokenDocument => ({
  _id: id,
  ...rest,
});
export const apiTokenRecord = ({ _id, ...rest }: ApiTokenDocument): ApiTokenRecord => ({
  id: _id,
  ...rest,
});

/** Revoking touches only the person's own token, and only once. */
export const revokeFilter = (personId: string, tokenId: string) => ({
  _id: tokenId,
  personId,
  revokedAt: null,
});

/** The distributed profile's accounts: MongoDB collections shared by every replica. */
export class MongoAccountStore implements AccountStore {
  private readonly passwords: Collection<PasswordDocument>;
  private readonly resetLinks: Collection<ResetLinkDocument>;
  private readonly apiTokens: Collection<ApiTokenDocument>;
  private readonly setupCode: Collection<SetupCodeDocument>;
  private readonly digestOptOutList: Collection<{ _id: string }>;
  private indexes: Promise<unknown> | null = null;

  constructor(db: Db) {
    this.passwords = db.collection(ACCOUNT_COLLECTIONS.passwords);
    this.resetLinks = db.collection(ACCOUNT_COLLECTIONS.resetLinks);
    this.apiTokens = db.collection(ACCOUNT_COLLECTIONS.apiTokens);
    this.setupCode = db.collection(ACCOUNT_COLLECTIONS.setupCode);
    this.digestOptOutList = db.collection(ACCOUNT_COLLECTIONS.digestOptOuts);
  }

  async digestOptOuts(): Promise<Set<string>> {
    const found = await this.digestOptOutList.find().toArray();
    return new Set(found.map((d) => d._id));
  }

  async setDigestWanted(personId: string, wanted: boolean): Promise<void> {
    if (wanted) await this.digestOptOutList.deleteOne({ _id: personId });
    else await this.digestOptOutList.replaceOne({ _id: personId }, {}, { upsert: true });
  }

  private ready(): Promise<unknown> {
    this.indexes ??= Promise.all([
      this.apiTokens.createIndex({ tokenHash: 1 }, { unique: true }),
      this.apiTokens.createIndex({ personId: 1, createdAt: -1 }),
    ]);
    return this.indexes;
  }

  async passwordHash(personId: string): Promise<string | null> {
    return (await this.passwords.findOne({ _id: personId }))?.hash ?? null;
  }

  async setPasswordHash(personId: string, hash: string, at: Date): Promise<void> {
    await this.passwords.replaceOne(
      { _id: personId },
      { hash, changedAt: at.toISOString() },
      { upsert: true },
    );
  }

  async addResetLink({ tokenHash, ...rest }: ResetLinkRecord): Promise<void> {
    await this.resetLinks.insertOne({ _id: tokenHash, ...rest });
  }

  async takeResetLink(tokenHash: string): Promise<ResetLinkRecord | null> {
    const taken = await this.resetLinks.findOneAndDelete({ _id: tokenHash });
    if (!taken) return null;
    const { _id, ...rest } = taken;
    return { tokenHash: _id, ...rest };
  }

  async addApiToken(token: ApiTokenRecord): Promise<void> {
    await this.ready();
    await this.apiTokens.insertOne(apiTokenDocument(token));
  }

  async apiTokenByHash(tokenHash: string): Promise<ApiTokenRecord | null> {
    await this.ready();
    const found = await this.apiTokens.findOne({ tokenHash });
    return found && apiTokenRecord(found);
  }

  async apiTokensOf(personId: string): Promise<ApiTokenRecord[]> {
    await this.ready();
    const found = await this.apiTokens.find({ personId }).sort({ createdAt: -1, _id: 1 }).toArray();
    return found.map(apiTokenRecord);
  }

  async revokeApiToken(personId: string, tokenId: string, at: Date): Promise<boolean> {
    const { modifiedCount } = await this.apiTokens.updateOne(revokeFilter(personId, tokenId), {
      $set: { revokedAt: at.toISOString() },
    });
    return modifiedCount === 1;
  }

  async markApiTokenUsed(tokenId: string, at: Date): Promise<void> {
    await this.apiTokens.updateOne({ _id: tokenId }, { $set: { lastUsedAt: at.toISOString() } });
  }

  async setSetupCode(codeHash: string): Promise<void> {
    await this.setupCode.replaceOne({ _id: 'setup-code' }, { codeHash }, { upsert: true });
  }

  async takeSetupCode(codeHash: string): Promise<boolean> {
    const { deletedCount } = await this.setupCode.deleteOne({ _id: 'setup-code', codeHash });
    return deletedCount === 1;
  }

  async hasSetupCode(): Promise<boolean> {
    return (await this.setupCode.countDocuments({ _id: 'setup-code' })) > 0;
  }

  /** The client is the storage's, shared with the other MongoDB adapters: it closes it. */
  async close(): Promise<void> {}
}
