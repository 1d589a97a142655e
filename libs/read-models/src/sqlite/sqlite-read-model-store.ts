import { rmSync } from 'node:fs';
import type Database from 'better-sqlite3';
import type { CaseVisibility, ScheduledJob } from '#domain';
import { openSqlite } from '#event-store';
import type { CaseRecord, StoredCase } from '../case-record';
import type {
  Checkpoint,
  DueWork,
  FactFilter,
  FactTotals,
  OpenCaseCounts,
  QueuePage,
  QueueQuery,
  ReadModelStore,
} from '../read-model.port';
import { openForBuilding, SqliteBuildingWriter } from './sqlite-building-writer';
import { SqliteCaseQueue } from './sqlite-case-queue';
import { SqliteFactCounts } from './sqlite-fact-counts';
import { SqliteLiveWriter } from './sqlite-live-writer';
import { SqliteMonthlyStatistics } from './sqlite-monthly-statistics';
import { prepareTables } from './sqlite-read-model-schema';
import { SqliteScheduledWorkIndex } from './sqlite-scheduled-work-index';
import { SqliteThemes } from './sqlite-themes';

/**
 * One generation of the read models in one SQLite file: the writer the projection daemon
 * saves through, and the read models queries read — the case queue, monthly statistics,
 * themes and the jobs' scheduled-work index — over the same tables. A save's records,
 * derived rows and checkpoint commit together (see the writers).
 */
export class SqliteReadModelStore implements ReadModelStore {
  private readonly db: Database.Database;
  private readonly factCounts: SqliteFactCounts;
  /** Building until `readyToServe`, live from then on. */
  private writer: SqliteLiveWriter | SqliteBuildingWriter;
  private readonly queue: SqliteCaseQueue;
  private readonly statistics: SqliteMonthlyStatistics;
  private readonly categoryThemes: SqliteThemes;
  private readonly scheduledWork: SqliteScheduledWorkIndex;

  /**
   * `building`: a generation being rebuilt, written by `SqliteBuildingWriter` until it is
   * ready to serve. `migrate: false`: a process that only reads (an API replica) never
   * empties a file of another version; the worker that writes it does.
   */
  constructor(
    private readonly filename: string,
    readonly generation: number,
    { building = false, migrate = true }: { building?: boolean; migrate?: boolean } = {},
  ) {
    this.db = building ? openForBuilding(filename) : openSqlite(filename, 'normal');
    try {
      prepareTables(this.db, { building, migrate });
    } catch (error) {
      this.db.close();
      throw error;
    }
    this.factCounts = new SqliteFactCounts(this.db);
    this.writer = building
      ? new SqliteBuildingWriter(this.db, this.factCounts)
      : new SqliteLiveWriter(this.db, this.factCounts);
    this.queue = new SqliteCaseQueue(this.db);
    this.statistics = new SqliteMonthlyStatistics(this.db);
    this.categoryThemes = new SqliteThemes(this.db);
    this.scheduledWork = new SqliteScheduledWorkIndex(this.db);
  }

  async readyToServe(): Promise<void> {
    if (!(this.writer instanceof SqliteBuildingWriter)) return;
    this.writer.finish();
    this.writer = new SqliteLiveWriter(this.db, this.factCounts);
  }

  load(caseIds: readonly string[]): Promise<Map<string, StoredCase>> {
    return this.writer.load(caseIds);
  }

  save(records: readonly CaseRecord[], checkpoint: Checkpoint): Promise<void> {
    return this.writer.save(records, checkpoint);
  }

  checkpoint(): Promise<Checkpoint | null> {
    return this.writer.checkpoint();
  }

  page(query: QueueQuery): Promise<QueuePage> {
    return this.queue.page(query);
  }

  openCounts(visibility: CaseVisibility, now: string, dueSoonBy: string): Promise<OpenCaseCounts> {
    return this.queue.openCounts(visibility, now, dueSoonBy);
  }

  facts(months: readonly string[], filter?: FactFilter): Promise<FactTotals> {
    return this.statistics.facts(months, filter);
  }

  themes(months: readonly string[]) {
    return this.categoryThemes.themes(months);
  }

  dueWork(
    job: ScheduledJob,
    now: string,
    page: { limit: number; after?: DueWork },
  ): Promise<DueWork[]> {
    return this.scheduledWork.dueWork(job, now, page);
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  async drop(): Promise<void> {
    await this.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${this.filename}${suffix}`, { force: true });
  }
}
