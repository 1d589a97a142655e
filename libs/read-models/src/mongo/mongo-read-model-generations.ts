import { MongoClient, type Collection, type Db } from 'mongodb';
import type { ReadModelGenerations, ReadModelStore, RebuildRequest } from '../read-model.port';
import { isPassingMongoFailure } from './mongo-failures';
import { MongoReadModelStore } from './mongo-read-model-store';

type PointerDocument =
  | { _id: 'current'; generation: number }
  | { _id: 'policy'; key: string }
  | ({ _id: 'rebuild-request' } & RebuildRequest)
  | { _id: 'failure'; failure: string }
  | { _id: 'origin'; origin: string | null };

/**
 * Generations as collection prefixes `rm<n>_`; one pointer document names the one queries
 * use, one the policy it was made under, another holds a pending rebuild request.
 */
export class MongoReadModelGenerations implements ReadModelGenerations {
  private active: MongoReadModelStore | null = null;
  private readonly pointer: Collection<PointerDocument>;

  /**
   * `follower`: this process only reads generations another one writes. `policyKey`: what
   * the read models were made under; the writer starts a fresh generation when it differs.
   */
  constructor(
    private readonly db: Db,
    private readonly owned?: MongoClient,
    private readonly options: { follower?: boolean; policyKey?: string } = {},
  ) {
    this.pointer = db.collection<PointerDocument>('read_model_generations');
  }

  static async connect(
    uri: string,
    options: { follower?: boolean; policyKey?: string } = {},
  ): Promise<MongoReadModelGenerations> {
    const client = await new MongoClient(uri).connect();
    return new MongoReadModelGenerations(client.db(), client, options);
  }

  private async currentGeneration(): Promise<number> {
    const pointer = await this.pointer.findOne({ _id: 'current' });
    return pointer && 'generation' in pointer ? pointer.generation : 1;
  }

  /** The generation made under another policy (or before policies were recorded) gives way. */
  private async madeUnderAnotherPolicy(): Promise<boolean> {
    const { follower, policyKey } = this.options;
    if (follower || !policyKey || this.active) return false;
    const recorded = await this.pointer.findOne({ _id: 'policy' });
    if (recorded && 'key' in recorded) return recorded.key !== policyKey;
    const hasCases = await this.db
      .listCollections({ name: `rm${await this.currentGeneration()}_cases` }, { nameOnly: true })
      .hasNext();
    if (!hasCases) await this.recordPolicy(policyKey); // a new database: nothing to remake
    return hasCases;
  }

  private async recordPolicy(key: string): Promise<void> {
    await this.pointer.updateOne({ _id: 'policy' }, { $set: { key } }, { upsert: true });
  }

  async current(): Promise<ReadModelStore> {
    if (await this.madeUnderAnotherPolicy()) {
      const stale = new MongoReadModelStore(this.db, await this.currentGeneration());
      const fresh = (await this.create()) as MongoReadModelStore;
      await this.promote(fresh);
      await this.recordPolicy(this.options.policyKey!);
      await stale.drop();
      return fresh;
    }
    const generation = await this.currentGeneration();
    if (this.active?.generation !== generation) {
      this.active = new MongoReadModelStore(this.db, generation);
      await this.active.prepare({ migrate: !this.options.follower });
    }
    return this.active;
  }

  async create(): Promise<ReadModelStore> {
    const names = await this.db.listCollections({}, { nameOnly: true }).toArray();
    const existing = names
      .map((c) => /^rm(\d+)_cases$/.exec(c.name)?.[1])
      .filter((n): n is string => n !== undefined)
      .map(Number);
    const current = await this.currentGeneration();
    const store = new MongoReadModelStore(this.db, Math.max(current, ...existing) + 1);
    await store.prepare();
    return store;
  }

  async promote(store: ReadModelStore): Promise<void> {
    await this.pointer.updateOne(
      { _id: 'current' },
      { $set: { generation: store.generation } },
      { upsert: true },
    );
    this.active = store as MongoReadModelStore;
  }

  async rebuildRequest(): Promise<RebuildRequest | null> {
    const found = await this.pointer.findOne({ _id: 'rebuild-request' });
    if (!found || !('requestedBy' in found)) return null;
    const { requestedBy, requestedAt, progress } = found;
    return { requestedBy, requestedAt, progress };
  }

  /** One atomic upsert: of two replicas asking at once, the first request stands. */
  async requestRebuild(requestedBy: string, requestedAt: string): Promise<RebuildRequest> {
    await this.pointer.updateOne(
      { _id: 'rebuild-request' },
      { $setOnInsert: { requestedBy, requestedAt, progress: null } },
      { upsert: true },
    );
    return (await this.rebuildRequest())!;
  }

  async reportRebuild(progress: RebuildRequest['progress'] | null): Promise<void> {
    if (progress === null) await this.pointer.deleteOne({ _id: 'rebuild-request' });
    else await this.pointer.updateOne({ _id: 'rebuild-request' }, { $set: { progress } });
  }

  async reportFailure(failure: string | null): Promise<void> {
    if (failure === null) await this.pointer.deleteOne({ _id: 'failure' });
    else await this.pointer.updateOne({ _id: 'failure' }, { $set: { failure } }, { upsert: true });
  }

  async failure(): Promise<string | null> {
    const found = await this.pointer.findOne({ _id: 'failure' });
    return found && 'failure' in found ? found.failure : null;
  }

  async storeOrigin(): Promise<string | null> {
    const found = await this.pointer.findOne({ _id: 'origin' });
    return found && 'origin' in found ? found.origin : null;
  }

  async recordStoreOrigin(origin: string | null): Promise<void> {
    await this.pointer.updateOne({ _id: 'origin' }, { $set: { origin } }, { upsert: true });
  }

  isTransient(error: unknown): boolean {
    return isPassingMongoFailure(error);
  }

  async close(): Promise<void> {
    await this.owned?.close();
  }
}
