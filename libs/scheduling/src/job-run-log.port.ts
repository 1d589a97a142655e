/** How a run of a scheduled job ended. */
export type JobRunOutcome = 'succeeded' | 'failed' | 'stopped-early';

/**
 * What one run of a scheduled job did, as an administrator reads it afterwards: when, how
 * long, how it ended, how many cases it acted on, and counts by what it did. No case
 * content: the counts are by event type (or whatever the job counts), never by case.
 */
export interface JobRunRecord {
  runId: string;
  job: string;
  /** The process that ran it. */
  holder: string;
  startedAt: string;
  finishedAt: string;
  outcome: JobRunOutcome;
  /** Cases the run looked at. */
  examined: number;
  /** Cases the run changed (recorded something on). */
  actedOn: number;
  /** Cases where acting failed. */
  failed: number;
  /** What the run did, counted by kind (e.g. events recorded, by type). */
  counts: Record<string, number>;
  /** Why the run failed or stopped early; null when it succeeded. */
  problem: string | null;
}

/** Runs kept per job; older ones are dropped as new ones are recorded. */
export const JOB_RUNS_KEPT = 50;

/** The record of scheduled jobs' runs, shared by every replica that runs them. */
export interface JobRunLog {
  record(run: JobRunRecord): Promise<void>;
  /** The job's latest runs, newest first. */
  latest(job: string, limit: number): Promise<JobRunRecord[]>;
  close(): Promise<void>;
}
