import { Binary, MongoServerError, type Collection, type Db } from 'mongodb';
import type { CaseKey, CaseKeyStore } from '../case-key-store.port';
import { KeyWrapping } from '../master-key/key-wrapping';
import { newDataKey } from '../sealing/aes-gcm';

export const CASE_KEYS_COLLECTION = 'case_keys';
const CHECK_ID = '$master-key-check';

interface KeyDocument {
  _id: string;
  wrapped?: Binary;
  erasedAt?: Date;
}

const DUPLICATE_KEY = 11000;
/** Case ids per `$in` query: well inside MongoDB's 16 MB query limit. */
const IDS_PER_QUERY = 1000;

/** The case keys in a MongoDB collection of their own, shared by every replica. */
export class MongoCaseKeyStore implements CaseKeyStore {
  private readonly keys: Collection<KeyDocument>;

  private constructor(
    db: Db,
    private readonly wrapping: KeyWrapping,
  ) {
    this.keys = db.collection(CASE_KEYS_COLLECTION);
  }

  /** Throws WrongMasterKeyError when the collection's keys were made with another master key. */
  static async open(db: Db, masterKey: Buffer): Promise<MongoCaseKeyStore> {
    const store = new MongoCaseKeyStore(db, new KeyWrapping(masterKey));
    await store.confirmMasterKey(db.databaseName);
    return store;
  }

  private async confirmMasterKey(where: string): Promise<void> {
    const check = new Binary(this.wrapping.checkValue());
    // Only the first replica's check value is kept; every one then compares with it.
    await this.keys.updateOne(
      { _id: CHECK_ID },
      { $setOnInsert: { wrapped: check } },
      { upsert: true },
    );
    const kept = await this.keys.findOne({ _id: CHECK_ID });
    this.wrapping.confirm(
      Buffer.from(kept!.wrapped!.buffer),
      `MongoDB ${where}.${CASE_KEYS_COLLECTION}`,
    );
  }

  async keyFor(caseId: string): Promise<CaseKey> {
    const found = await this.find(caseId);
    if (found.state !== 'missing') return found;
    try {
      await this.keys.insertOne({
        _id: caseId,
        wrapped: new Binary(this.wrapping.wrap(caseId, newDataKey())),
      });
    } catch (error) {
      // Another replica made it first: theirs is the key.
      if (!(error instanceof MongoServerError && error.code === DUPLICATE_KEY)) throw error;
    }
    return this.find(caseId);
  }

  async find(caseId: string): Promise<CaseKey> {
    return this.caseKeyOf(caseId, await this.keys.findOne({ _id: caseId }));
  }

  async findAll(caseIds: readonly string[]): Promise<Map<string, CaseKey>> {
    const found = new Map<string, KeyDocument>();
    for (let i = 0; i < caseIds.length; i += IDS_PER_QUERY)
      for (const document of await this.keys
        .find({ _id: { $in: caseIds.slice(i, i + IDS_PER_QUERY) } })
        .toArray())
        found.set(document._id, document);
    return new Map(
      caseIds.map((caseId) => [caseId, this.caseKeyOf(caseId, found.get(caseId) ?? null)]),
    );
  }

  private caseKeyOf(caseId: string, found: KeyDocument | null): CaseKey {
    if (!found) return { state: 'missing' };
    if (found.erasedAt) return { state: 'erased', erasedAt: found.erasedAt };
    if (!found.wrapped) return { state: 'missing' };
    return {
      state: 'present',
      key: this.wrapping.unwrap(caseId, Buffer.from(found.wrapped.buffer)),
    };
  }

  async erase(caseId: string, at: Date): Promise<void> {
    await this.keys
      .updateOne(
        { _id: caseId, erasedAt: { $exists: false } },
        { $unset: { wrapped: '' }, $set: { erasedAt: at } },
        { upsert: true },
      )
      .catch((error: unknown) => {
        // Erased already: the filter missed it and the upsert collided with it.
        if (!(error instanceof MongoServerError && error.code === DUPLICATE_KEY)) throw error;
      });
  }

  async erasedCases(): Promise<string[]> {
    const erased = await this.keys
      .find({ erasedAt: { $exists: true } }, { projection: { _id: 1 } })
      .sort({ _id: 1 })
      .toArray();
    return erased.map((found) => found._id);
  }

  async withoutKey(caseIds: readonly string[]): Promise<string[]> {
    const known = new Set<string>();
    for (let i = 0; i < caseIds.length; i += IDS_PER_QUERY) {
      const found = await this.keys
        .find({ _id: { $in: caseIds.slice(i, i + IDS_PER_QUERY) } }, { projection: { _id: 1 } })
        .toArray();
      for (const { _id } of found) known.add(_id);
    }
    return caseIds.filter((caseId) => !known.has(caseId));
  }

  async close(): Promise<void> {}
}
