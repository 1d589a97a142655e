import type { ChainAuditResult, JobRunRecord } from '#scheduling';
import {
  countsInWords,
  durationInWords,
  jobName,
  jobPurpose,
  OUTCOME_WORDS,
  scheduleInWords,
} from './job-words';
import { keysMissingInWords, RESTORE_CASE_KEYS } from '../rendering/missing-keys-words';

/** Runs of each job shown on the jobs page. */
export const RUNS_SHOWN = 5;

/** Where the jobs' timers fire: in this process, in the worker this API replica follows, or nowhere. */
export type TimersAt = 'here' | 'worker' | 'off';

const TIMER_NOTES: Record<TimersAt, string | null> = {
  here: null,
  worker: 'by the worker that keeps the read models',
  off: 'but the timers are off (CLF_SCHEDULER=off): it runs only when asked',
};

/** One job as the jobs page shows it. */
export interface JobView {
  job: string;
  name: string;
  purpose: string;
  /** When its timer fires, in words, and where or whether it does. */
  schedule: string;
  runningHere: boolean;
  runs: RunView[];
}

export interface RunView {
  startedAt: string;
  took: string;
  outcome: string;
  failedRun: boolean;
  examined: number;
  actedOn: number;
  failed: number;
  did: string[];
  problem: string | null;
}

export function runView(run: JobRunRecord): RunView {
  return {
    startedAt: run.startedAt,
    took: durationInWords(run.startedAt, run.finishedAt),
    outcome: OUTCOME_WORDS[run.outcome],
    failedRun: run.outcome !== 'succeeded' || run.failed > 0,
    examined: run.examined,
    actedOn: run.actedOn,
    failed: run.failed,
    did: countsInWords(run.counts),
    problem: run.problem,
  };
}

export function jobView(
  job: string,
  plan: { cron: string },
  state: { timers: TimersAt; runningHere: boolean; runs: readonly JobRunRecord[] },
): JobView {
  return {
    job,
    name: jobName(job),
    purpose: jobPurpose(job),
    schedule: [scheduleInWords(plan.cron), TIMER_NOTES[state.timers]].filter(Boolean).join(', '),
    runningHere: state.runningHere,
    runs: state.runs.map(runView),
  };
}

/** What the page says after "Run now": what the run did, from its record. */
export function ranBanner(job: string, run: JobRunRecord | undefined) {
  if (!run) return { text: `The ${jobName(job)} job ran.`, success: true };
  if (run.outcome !== 'succeeded')
    return {
      text: `The ${jobName(job)} job ${OUTCOME_WORDS[run.outcome].toLowerCase()}: ${run.problem ?? 'see its last run below'}.`,
    };
  const cases = (n: number) => `${n} case${n === 1 ? '' : 's'}`;
  return {
    text: `The ${jobName(job)} job ran: it acted on ${cases(run.actedOn)} of ${cases(run.examined)} it looked at.`,
    success: true,
  };
}

/** Cases named on the jobs page when keys are missing: enough to start restoring, not a report. */
const KEYS_MISSING_NAMED = 5;

/** The cases without a key, for an administrator: named by reference (or stream), and the remedy. */
function keysMissingFinding(missing: NonNullable<ChainAuditResult['keysMissing']>) {
  const named = missing
    .slice(0, KEYS_MISSING_NAMED)
    .map((found) => found.reference ?? found.stream);
  const more = missing.length > KEYS_MISSING_NAMED ? ', …' : '';
  return `${keysMissingInWords(missing.length)} (${named.join(', ')}${more}). ${RESTORE_CASE_KEYS}.`;
}

/** The chain-audit job as the jobs page shows it: its schedule and what its last run found (counts only). */
export function chainAuditView(
  plan: { cron: string },
  state: { timers: TimersAt; runningHere: boolean; last: ChainAuditResult | null },
) {
  const { last } = state;
  const cases = (n: number) => `${n.toLocaleString('en-GB')} case${n === 1 ? '' : 's'}`;
  return {
    ...jobView('chain-audit', plan, { ...state, runs: [] }),
    last: last && {
      finishedAt: last.finishedAt,
      took: durationInWords(last.startedAt, last.finishedAt),
      checked: `${cases(last.casesChecked)}, ${last.eventsChecked.toLocaleString('en-GB')} events`,
      broken: last.broken.length,
      finding: [
        last.broken.length === 0
          ? 'Every case’s chain holds.'
          : `${cases(last.broken.length)} ${last.broken.length === 1 ? 'does' : 'do'} not verify: the dashboard names them for the people who may see them.`,
        ...(last.keysMissing?.length ? [keysMissingFinding(last.keysMissing)] : []),
      ].join(' '),
      stoppedEarly: last.stoppedEarly,
    },
  };
}
