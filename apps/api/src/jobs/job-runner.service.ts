import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { CASE_CATEGORY, CaseNotFoundError, systemActor, type ScheduledJob } from '#domain';
import type { Clock, Position } from '#event-store';
import type { ReadSide, DueWork } from '#read-models';
import type { JobRunRecord, Lease } from '#scheduling';
import { CaseCommandService } from '../cases/case-command.service';
import { StaffNotifications } from '../staff-notifications/staff-notifications.service';
import type { NotificationRunReport } from '../staff-notifications/staff-notifier';
import { PROJECTIONS } from '../projections/projections.module';
import { CLOCK, STORAGE, type Storage } from '../storage/storage';
import type { ChainAuditResult } from '#scheduling';
import { auditEveryChain } from './chain-audit';
import { failedRunRecord, notificationRunRecordOf, runRecordOf } from './job-run-record';
import {
  CHAIN_AUDIT_JOB,
  JobAlreadyRunningError,
  jobCommand,
  ServerStoppingError,
  type NotificationJob,
} from './scheduled-jobs';

/** What one run of a job did: the admin endpoint's answer, and the run's log line. */
export interface JobRunReport {
  job: ScheduledJob;
  /** The correlation id of every event the run recorded. */
  runId: string;
  startedAt: string;
  finishedAt: string;
  /** Work due by this instant was looked for. */
  dueBy: string;
  /** Cases the deadline index named. */
  candidates: number;
  /** Cases where the run recorded events. */
  changed: number;
  /** Cases the stream showed nothing to do for (done already, or changed since the index saw them). */
  unchanged: number;
  failed: number;
  /** Events recorded, by type. */
  events: Record<string, number>;
  /** The cases changed (the first `REPORTED_CASES`), by id and reference: no case content. */
  cases: Array<{ id: string; reference: string; events: string[] }>;
  failures: Array<{ id: string; error: string }>;
  /** The run stopped early: its lease was lost, or the server is shutting down. */
  stoppedEarly: string | null;
  /** The read models had not caught up with the event store when the run began. */
  indexBehind: boolean;
}

/** A run holds its lease this long, renewed at a third of it while it works. */
const LEASE_TERM_MS = 60_000;
const CANDIDATE_PAGE = 500;
/** Cases decided at once: enough for the event store to commit them together. */
const CONCURRENCY = 8;
const REPORTED_CASES = 100;
/** How long a run waits for the read models to reach the event store's head before it starts. */
const INDEX_WAIT_MS = 30_000;

/**
 * Runs a scheduled job once: takes the job's lease, asks the read model's deadline index
 * for candidates, and sends each the job's command through the same command path a person
 * uses — load, fold, decide, append at the revision read — so the stream has the last
 * word, a run twice does nothing twice, and concurrent runs cannot record anything twice.
 */
@Injectable()
export class JobRunner implements OnModuleDestroy {
  private readonly logger = new Logger('Jobs');
  /** This process's name in the leases. */
  readonly holder = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly running = new Map<string, Promise<unknown>>();
  private stopping = false;

  constructor(
    @Inject(STORAGE) private readonly storage: Storage,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(PROJECTIONS) private readonly projections: ReadSide,
    private readonly cases: CaseCommandService,
    private readonly notifications: StaffNotifications,
  ) {}

  run(job: ScheduledJob): Promise<JobRunReport> {
    return this.once(job, () =>
      this.leased(job, (mayGoOn) =>
        this.recorded(job, async () => {
          const report = await this.sweep(job, mayGoOn);
          const { cases: _, ...summary } = report;
          this.logger.log({ msg: 'job run', ...summary });
          await this.keep(runRecordOf(report, this.holder));
          return report;
        }),
      ),
    );
  }

  /** Runs the `reminders` or `digest` job: what staff are owed, each e-mailed once. */
  notify(job: NotificationJob): Promise<NotificationRunReport> {
    return this.once(job, () =>
      this.leased(job, (mayGoOn) =>
        this.recorded(job, async () => {
          await this.indexCaughtUp(); // the open cases come from the read models
          const report = await this.notifications.run(job, mayGoOn);
          this.logger.log({ msg: 'job run', ...report });
          await this.keep(notificationRunRecordOf(report, randomUUID(), this.holder));
          return report;
        }),
      ),
    );
  }

  /** A run that throws is kept in the run log as failed. */
  private async recorded<Report>(job: string, work: () => Promise<Report>): Promise<Report> {
    const startedAt = this.clock();
    try {
      return await work();
    } catch (error) {
      const run = { runId: randomUUID(), holder: this.holder, startedAt, finishedAt: this.clock() };
      await this.keep(failedRunRecord(job, run, error));
      throw error;
    }
  }

  /** Runs the chain-audit job: every case's hash chain checked, and the result kept. */
  audit(): Promise<ChainAuditResult> {
    return this.once(CHAIN_AUDIT_JOB, () =>
      this.leased(CHAIN_AUDIT_JOB, (mayGoOn) => auditEveryChain(this.storage, this.clock, mayGoOn)),
    );
  }

  /** A job asked for while it runs here joins the run under way. */
  private once<Report>(job: string, start: () => Promise<Report>): Promise<Report> {
    const underWay = this.running.get(job);
    if (underWay) return underWay as Promise<Report>;
    if (this.stopping) return Promise.reject(new ServerStoppingError());
    const run = start().finally(() => this.running.delete(job));
    this.running.set(job, run);
    return run;
  }

  /** Whether a run of the job is under way in this process. */
  isRunning(job: ScheduledJob | typeof CHAIN_AUDIT_JOB | NotificationJob): boolean {
    return this.running.has(job);
  }

  /** Before the stores close: runs under way finish the cases in hand and stop. */
  onModuleDestroy(): Promise<void> {
    return this.stop();
  }

  /** Lets runs under way finish the case in hand and stop; new runs are refused. */
  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.allSettled(this.running.values());
  }

  /** Does a job's work while this process holds its lease, which it keeps renewing. */
  private async leased<Report>(
    job: string,
    work: (mayGoOn: () => string | null) => Promise<Report>,
  ): Promise<Report> {
    const acquired = await this.storage.leases.acquire(job, this.holder, LEASE_TERM_MS);
    if (!acquired) throw new JobAlreadyRunningError(job);
    let lease: Lease = acquired;
    let lost = false;
    let renewing: Promise<unknown> = Promise.resolve();
    const keeper = setInterval(() => {
      renewing = this.storage.leases.renew(lease, LEASE_TERM_MS).then(
        (renewed) => (renewed ? (lease = renewed) : (lost = true)),
        () => (lost = true),
      );
    }, LEASE_TERM_MS / 3);
    keeper.unref();
    // Fencing: past its term (or once taken by another) a lease no longer lets this run act.
    const mayGoOn = (): string | null => {
      if (this.stopping) return 'the server is shutting down';
      if (lost || this.clock() >= lease.expiresAt) return 'the lease was lost';
      return null;
    };
    try {
      return await work(mayGoOn);
    } finally {
      clearInterval(keeper);
      await renewing; // a renewal landing after the release would hold the job for a term
      await this.storage.leases.release(lease).catch(() => {});
    }
  }

  /** The run log is a record for people: failing to write it must not fail the run. */
  private async keep(run: JobRunRecord): Promise<void> {
    await this.storage.jobRuns.record(run).catch((error: unknown) => {
      this.logger.error(`The ${run.job} run could not be recorded: ${String(error)}`);
    });
  }

  private async sweep(job: ScheduledJob, mayGoOn: () => string | null): Promise<JobRunReport> {
    const runId = randomUUID();
    const startedAt = this.clock().toISOString();
    const indexBehind = !(await this.indexCaughtUp());
    const dueBy = this.clock().toISOString();
    const report: JobRunReport = {
      job,
      runId,
      startedAt,
      finishedAt: startedAt,
      dueBy,
      candidates: 0,
      changed: 0,
      unchanged: 0,
      failed: 0,
      events: {},
      cases: [],
      failures: [],
      stoppedEarly: null,
      indexBehind,
    };
    const context = { actor: systemActor(job), correlationId: runId };
    let after: DueWork | undefined;
    for (;;) {
      const page = await this.projections
        .store()
        .dueWork(job, dueBy, { limit: CANDIDATE_PAGE, after });
      if (page.length === 0) break;
      report.candidates += page.length;
      await inTurns(page, CONCURRENCY, async ({ caseId }) => {
        report.stoppedEarly ??= mayGoOn();
        if (report.stoppedEarly === null) await this.act(caseId, job, context, report);
      });
      if (report.stoppedEarly !== null) break;
      after = page[page.length - 1];
    }
    report.finishedAt = this.clock().toISOString();
    return report;
  }

  private async act(
    caseId: string,
    job: ScheduledJob,
    context: { actor: ReturnType<typeof systemActor>; correlationId: string },
    report: JobRunReport,
  ): Promise<void> {
    try {
      const { result, recorded } = await this.cases.executeRecording(caseId, jobCommand(job), {
        context,
      });
      if (recorded.length === 0) {
        report.unchanged += 1;
        return;
      }
      report.changed += 1;
      for (const event of recorded)
        report.events[event.type] = (report.events[event.type] ?? 0) + 1;
      if (report.cases.length < REPORTED_CASES)
        report.cases.push({
          id: caseId,
          reference: result.reference,
          events: recorded.map((e) => e.type),
        });
    } catch (error) {
      // The index named a case its stream does not have: nothing to do there.
      if (error instanceof CaseNotFoundError) {
        report.unchanged += 1;
        return;
      }
      report.failed += 1;
      report.failures.push({ id: caseId, error: String(error) });
      this.logger.error(`${job} failed on case ${caseId}: ${String(error)}`);
    }
  }

  /**
   * Resolves once the read models include every case event stored now, however long that
   * takes (read models being built on a first start), or when the server stops: for the
   * start-up run, which would otherwise sweep read models not yet made.
   */
  async whenIndexBuilt(): Promise<void> {
    const head = await this.storage.events.headPosition(CASE_CATEGORY);
    while (!this.stopping && !(await this.indexReaches(head, 1_000)));
  }

  /** Waits until the read models include every case event stored before the run began. */
  private async indexCaughtUp(): Promise<boolean> {
    return this.indexReaches(await this.storage.events.headPosition(CASE_CATEGORY), INDEX_WAIT_MS);
  }

  private async indexReaches(head: Position | null, timeoutMs: number): Promise<boolean> {
    return head === null || this.projections.reached(head.commit, timeoutMs);
  }
}

/**
 * Calls `work` on every item, at most `concurrency` at a time, giving way to the event loop
 * after each: the embedded store answers synchronously, and a long run must not hold up
 * requests, its lease's renewal or a SIGTERM.
 */
async function inTurns<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      await work(items[next++]);
      await nextTurn();
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}
