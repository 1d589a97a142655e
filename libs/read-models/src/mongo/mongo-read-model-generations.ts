import { MongoClient, type Collection, type Db } from 'mongodb';
import type { ReadModelGenerations, ReadModelStore } from '../read-model.port';
import { MongoReadModelStore } from './mongo-read-model-store';

interface PointerDocument {
  _id: 'current';
  generation: number;
}

/** Generations as collection prefixes `rm<n>_`; one pointer document names the one queries use. */
export class MongoReadModelGenerations implements ReadModelGenerations {
  private active: MongoReadModelStore | null = null;
  private readonly pointer: Collection<PointerDocument>;

  constructor(
    private readonly db: Db,
    private readonly owned?: MongoClient,
  ) {
    this.pointer = db.collection<PointerDocument>('read_model_generations');
  }

  static async connect(uri: string): Promise<MongoReadModelGenerations> {
    const client = await new MongoClient(uri).connect();
    return new MongoReadModelGenerations(client.db(), client);
  }

  async current(): Promise<ReadModelStore> {
    const generation = (await this.pointer.findOne({ _id: 'current' }))?.generation ?? 1;
    if (this.active?.generation !== generation) {
      this.active = new MongoReadModelStore(this.db, generation);
      await this.active.prepare();
    }
    return this.active;
  }

  async create(): Promise<ReadModelStore> {
    const names = await this.db.listCollections({}, { nameOnly: true }).toArray();
    const existing = names
      .map((c) => /^rm(\d+)_cases$/.exec(c.name)?.[1])
      .filter((n): n is string => n !== undefined)
      .map(Number);
    const current = (await this.pointer.findOne({ _id: 'current' }))?.generation ?? 1;
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

  async close(): Promise<void> {
    await this.owned?.close();
  }
}
