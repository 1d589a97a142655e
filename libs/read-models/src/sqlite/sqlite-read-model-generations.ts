import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReadModelGenerations, ReadModelStore, RebuildRequest } from '../read-model.port';
import { SqliteReadModelStore } from './sqlite-read-model-store';

const FILE = /^read-models-(\d+)\.db$/;

/** Replaces a small file atomically: readers see the old content or the new, never half. */
function writeAtomically(file: string, content: string): void {
  writeFileSync(`${file}.next`, content);
  renameSync(`${file}.next`, file);
}

/**
 * Generations as files `read-models-<n>.db` in one directory; the file `current` names
 * the one queries use, replaced atomically (write, then rename) when a rebuild is promoted.
 * A pending rebuild request is the file `rebuild-request.json`.
 */
export class SqliteReadModelGenerations implements ReadModelGenerations {
  private active: SqliteReadModelStore | null = null;

  /** `follower`: this process only reads generations another one writes (see `migrate`). */
  constructor(
    private readonly directory: string,
    private readonly options: { follower?: boolean } = {},
  ) {
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
    const generation = this.currentGeneration();
    if (this.active?.generation !== generation) {
      const opened = new SqliteReadModelStore(this.fileOf(generation), generation, {
        migrate: !this.options.follower,
      });
      await this.active?.close();
      this.active = opened;
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
    writeAtomically(join(this.directory, 'current'), String(store.generation));
    this.active = store as SqliteReadModelStore;
  }

  private get requestFile(): string {
    return join(this.directory, 'rebuild-request.json');
  }

  async rebuildRequest(): Promise<RebuildRequest | null> {
    try {
      return JSON.parse(readFileSync(this.requestFile, 'utf8')) as RebuildRequest;
    } catch {
      return null;
    }
  }

  async requestRebuild(requestedBy: string, requestedAt: string): Promise<RebuildRequest> {
    const pending = await this.rebuildRequest();
    if (pending) return pending;
    const request: RebuildRequest = { requestedBy, requestedAt, progress: null };
    writeAtomically(this.requestFile, JSON.stringify(request));
    return request;
  }

  async reportRebuild(progress: RebuildRequest['progress'] | null): Promise<void> {
    const pending = await this.rebuildRequest();
    if (progress === null) rmSync(this.requestFile, { force: true });
    else if (pending) writeAtomically(this.requestFile, JSON.stringify({ ...pending, progress }));
  }

  async close(): Promise<void> {
    await this.active?.close();
    this.active = null;
  }
}
