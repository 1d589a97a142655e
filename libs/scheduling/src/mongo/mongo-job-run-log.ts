import type { Collection, Db } from 'mongodb';
import { JOB_RUNS_KEPT, type JobRunLog, type JobRunRecord } from '../job-run-log.port';

type JobRunDocument = Omit<JobRunRecord, 'runId'> & { _id: string };

export const JOB_RUNS_COLLECTION = 'job_runs';

/** Job runs in MongoDB, for the distributed profile: every replica's runs in one place. */
export class MongoJobRunLog implements JobRunLog {
  private readonly runs: Collection<JobRunDocument>;
  private indexed: Promise<unknown> | undefined;

  constructor(db: Db) {
    this.runs = db.collection<JobRunDocument>(JOB_RUNS_COLLECTION);
  }

  private ready(): Promise<unknown> {
    this.indexed ??= this.runs.createIndex({ job: 1, startedAt: -1 });
    return this.indexed;
  }

  async record({ runId, ...run }: JobRunRecord): Promise<void> {
    await this.ready();
    await this.runs.replaceOne({ _id: runId }, run, { upsert: true });
    const kept = await this.runs
      .find({ job: run.job }, { projection: { _id: 1 } })
      .sort({ startedAt: -1 })
      .limit(JOB_RUNS_KEPT)
      .toArray();
    await this.runs.deleteMany({ job: run.job, _id: { $nin: kept.map((k) => k._id) } });
  }

  async latest(job: string, limit: number): Promise<JobRunRecord[]> {
    const found = await this.runs.find({ job }).sort({ startedAt: -1 }).limit(limit).toArray();
    return found.map(({ _id, ...run }) => ({ runId: _id, ...run }));
  }

  async close(): Promise<void> {}
}
