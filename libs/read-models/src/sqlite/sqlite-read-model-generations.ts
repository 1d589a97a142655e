import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { sqliteFilesOf } from '#event-store';
import { join } from 'node:path';
import type { ReadModelGenerations, ReadModelStore, RebuildRequest } from '../read-model.port';
import { SqliteReadModelStore } from './sqlite-read-model-store';

/** A generation's file, or its WAL or shared-memory file beside it. */
const FILE = /^read-models-(\d+)\.db(-wal|-shm)?$/;

/** Replaces a small file atomically: readers see the old content or the new, never half. */
function writeAtomically(file: string, content: string): void {
  writeFileSync(`${file}.next`, content);
  renameSync(`${file}.next`, file);
}

/**
 * Generations as files `read-models-<n>.db` in one directory; the file `current` names
 * the one queries use, replaced atomically (write, then rename) when a rebuild is promoted.
 * A pending rebuild request is the file `rebuild-request.json`; the file `policy` names the
 * policy the current generation was made under.
 */
export class SqliteReadModelGenerations implements ReadModelGenerations {
  private active: SqliteReadModelStore | null = null;

  /**
   * `follower`: this process only reads generations another one writes (see `migrate`).
   * `policyKey`: what the read models were made under (the deadline index depends on the
   * policy); the writer starts a fresh generation, refilled from the events, when it differs.
   */
  constructor(
    private readonly directory: string,
    private readonly options: { follower?: boolean; policyKey?: string } = {},
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

  private get policyFile(): string {
    return join(this.directory, 'policy');
  }

  /** The generation made under another policy (or before policies were recorded) gives way. */
  private madeUnderAnotherPolicy(): boolean {
    const { follower, policyKey } = this.options;
    if (follower || !policyKey || this.active) return false;
    let recorded: string | null = null;
    try {
      recorded = readFileSync(this.policyFile, 'utf8').trim();
    } catch {
      if (!existsSync(this.fileOf(this.currentGeneration()))) {
        writeAtomically(this.policyFile, policyKey); // a new directory: nothing to remake
        return false;
      }
    }
    return recorded !== policyKey;
  }

  async current(): Promise<ReadModelStore> {
    if (this.madeUnderAnotherPolicy()) {
      const stale = this.currentGeneration();
      const fresh = new SqliteReadModelStore(
        this.fileOf(this.nextGeneration()),
        this.nextGeneration(),
      );
      await this.promote(fresh);
      writeAtomically(this.policyFile, this.options.policyKey!);
      for (const file of sqliteFilesOf(this.fileOf(stale))) rmSync(file, { force: true });
      return fresh;
    }
    const generation = this.currentGeneration();
    if (!this.active && !this.options.follower) this.discardUnfinished(generation);
    if (this.active?.generation !== generation) {
      const opened = new SqliteReadModelStore(this.fileOf(generation), generation, {
        migrate: !this.options.follower,
      });
      await this.active?.close();
      this.active = opened;
    }
    return this.active;
  }

  /**
   * Generations after the current one are rebuilds that never finished (the process
   * stopped or died first): no one has read them, and no one will.
   */
  private discardUnfinished(current: number): void {
    for (const name of readdirSync(this.directory)) {
      const generation = Number(FILE.exec(name)?.[1]);
      if (generation > current) rmSync(join(this.directory, name), { force: true });
    }
  }

  private nextGeneration(): number {
    const existing = readdirSync(this.directory)
      .map((name) => FILE.exec(name)?.[1])
      .filter((n): n is string => n !== undefined)
      .map(Number);
    return Math.max(this.currentGeneration(), ...existing) + 1;
  }

  async create(): Promise<ReadModelStore> {
    const generation = this.nextGeneration();
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
