import { rmSync } from 'node:fs';
import type Database from 'better-sqlite3';
import { openSqlite, sqliteFilesOf } from '#event-store';
import { ReadModelGeneration } from '../read-model-generation';
import { openForBuilding, SqliteBuildingWriter } from './sqlite-building-writer';
import { SqliteCaseQueue } from './sqlite-case-queue';
import { SqliteFactCounts } from './sqlite-fact-counts';
import { SqliteLiveWriter } from './sqlite-live-writer';
import { SqliteMonthlyStatistics } from './sqlite-monthly-statistics';
import { prepareTables } from './sqlite-read-model-schema';
import { SqliteScheduledWorkIndex } from './sqlite-scheduled-work-index';
import { SqliteThemes } from './sqlite-themes';

/** Opens a generation's file and makes sure of its tables; closes it again if that fails. */
function openGeneration(
  filename: string,
  options: { building: boolean; migrate: boolean },
): Database.Database {
  const db = options.building ? openForBuilding(filename) : openSqlite(filename, 'normal');
  try {
    prepareTables(db, options);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

/**
 * One generation of the read models in one SQLite file: the writer the projection daemon
 * saves through — building until the generation is ready to serve, live from then on —
 * and the case queue, monthly statistics, themes and the jobs' scheduled-work index over
 * the same tables. A save's records, derived rows and checkpoint commit together (see
 * the writers).
 */
export class SqliteReadModelStore extends ReadModelGeneration<
  SqliteLiveWriter | SqliteBuildingWriter
> {
  private readonly db: Database.Database;
  private readonly factCounts: SqliteFactCounts;

  /**
   * `building`: a generation being rebuilt, written by `SqliteBuildingWriter` until it is
   * ready to serve. `migrate: false`: a process that only reads (an API replica) never
   * empties a file of another version; the worker that writes it does.
   */
  constructor(
    private readonly filename: string,
    generation: number,
    { building = false, migrate = true }: { building?: boolean; migrate?: boolean } = {},
  ) {
    const db = openGeneration(filename, { building, migrate });
    const factCounts = new SqliteFactCounts(db);
    super(generation, {
      writer: building
        ? new SqliteBuildingWriter(db, factCounts)
        : new SqliteLiveWriter(db, factCounts),
      queue: new SqliteCaseQueue(db),
      statistics: new SqliteMonthlyStatistics(db),
      themes: new SqliteThemes(db),
      scheduledWork: new SqliteScheduledWorkIndex(db),
    });
    this.db = db;
    this.factCounts = factCounts;
  }

  async readyToServe(): Promise<void> {
    if (!(this.parts.writer instanceof SqliteBuildingWriter)) return;
    this.parts.writer.finish();
    this.parts.writer = new SqliteLiveWriter(this.db, this.factCounts);
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  async drop(): Promise<void> {
    await this.close();
    for (const file of sqliteFilesOf(this.filename)) rmSync(file, { force: true });
  }
}
