import cronstrue from 'cronstrue';
import type { JobRunOutcome } from '#scheduling';

/** What each job is called and does, for an administrator; a job not named here goes by its code. */
const JOB_WORDS: Partial<Record<string, { name: string; does: string }>> = {
  'sla-sweep': {
    name: 'Missed deadlines',
    does: 'Records each acknowledgement and response deadline that has passed without one.',
  },
  'auto-close': {
    name: 'Closing after silence',
    does: 'Closes the cases the policy closes when nothing more is heard after the response.',
  },
  'same-day-escalation': {
    name: 'Same-day escalation',
    does: 'Moves informal complaints not resolved on the day they were received to the next stage.',
  },
  retention: {
    name: 'Retention',
    does: 'Erases the personal data of cases closed longer ago than the policy keeps it, except those under a legal hold.',
  },
  reminders: {
    name: 'Reminders to staff',
    does: 'E-mails owners when a case is assigned to them, before and at each deadline, and managers about cases with no activity.',
  },
  digest: {
    name: 'Daily digest',
    does: 'E-mails each manager, from 7am, their overdue and due-soon cases (unless they have turned it off).',
  },
  'chain-audit': {
    name: 'Verify every case',
    does: 'Checks every case’s record is unbroken (its hash chain) and says if any is not.',
  },
};

/** The job's name in words. */
export function jobName(job: string): string {
  const words = job.replace(/-/g, ' ');
  return JOB_WORDS[job]?.name ?? words.charAt(0).toUpperCase() + words.slice(1);
}

/** What the job does, in a sentence; empty for a job not described. */
export const jobPurpose = (job: string): string => JOB_WORDS[job]?.does ?? '';

/**
 * A timer's schedule in words ("Every 5 minutes"). An hour range covering the whole day in
 * steps of one (Nest's EVERY_HOUR) is every hour, and said so rather than as a range.
 */
export function scheduleInWords(cron: string): string {
  const fields = cron.trim().split(/\s+/);
  const hour = fields.length === 6 ? 2 : 1;
  if (fields[hour] === '0-23/1') fields[hour] = '*';
  return cronstrue.toString(fields.join(' '), { use24HourTimeFormat: false, verbose: false });
}

export const OUTCOME_WORDS: Record<JobRunOutcome, string> = {
  succeeded: 'Succeeded',
  failed: 'Failed',
  'stopped-early': 'Stopped early',
};

/** How long a run took: "0.4 seconds", "12 seconds", "3 minutes 5 seconds". */
export function durationInWords(startedAt: string, finishedAt: string): string {
  const ms = Math.max(0, Date.parse(finishedAt) - Date.parse(startedAt));
  if (ms < 10_000) return `${(ms / 1000).toFixed(1)} seconds`;
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  return `${minutes} minute${minutes === 1 ? '' : 's'}${rest ? ` ${rest} seconds` : ''}`;
}

/** A count by kind ("ResponseDeadlineMissed": 2) as "Response deadline missed: 2", largest first. */
export function countsInWords(counts: Record<string, number>): string[] {
  return Object.entries(counts)
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .map(([kind, count]) => {
      const words = kind.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
      return `${words.charAt(0).toUpperCase()}${words.slice(1)}: ${count}`;
    });
}
