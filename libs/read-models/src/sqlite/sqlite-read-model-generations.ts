import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReadModelGenerations, ReadModelStore } from '../read-model.port';
import { SqliteReadModelStore } from './sqlite-read-model-store';

const FILE = /^read-models-(\d+)\.db$/;

/**
 * Generations as files `read-models-<n>.db` in one directory; the file `current` names
 * the one queries use, replaced atomically (write, then rename) when a rebuild is promoted.
 */
export class SqliteReadModelGenerations implements ReadModelGenerations {
  private active: SqliteReadModelStore | null = null;

  constructor(private readonly directory: string) {
    mkdirSync(directory, { recursive: true });
  }

  private fileOf(generation: number): string {
    return join(this.directory, `read-models-${generation}.db`);
  }

  private currentGeneration(): number {
    try {
      return Number(readFileSync(join(this.directory, 'current'), 'utf8').trim()) || 1;
    } catch {
      return 1;
    }
  }

  async current(): Promise<ReadModelStore> {
    if (!this.active) {
      const generation = this.currentGeneration();
      this.active = new SqliteReadModelStore(this.fileOf(generation), generation);
    }
    return this.active;
  }

  async create(): Promise<ReadModelStore> {
    const existing = readdirSync(this.directory)
      .map((name) => FILE.exec(name)?.[1])
      .filter((n): n is string => n !== undefined)
      .map(Number);
    const generation = Math.max(this.currentGeneration(), ...existing) + 1;
    return new SqliteReadModelStore(this.fileOf(generation), generation, { building: true });
  }

  async promote(store: ReadModelStore): Promise<void> {
    const pointer = join(this.directory, 'current');
    writeFileSync(`${pointer}.next`, String(store.generation));
    renameSync(`${pointer}.next`, pointer);
    this.active = store as SqliteReadModelStore;
  }

  async close(): Promise<void> {
    await this.active?.close();
    this.active = null;
  }
}
