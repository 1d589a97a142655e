import { Readable } from 'node:stream';
import type { CommandBus } from '@nestjs/cqrs';
import { addDays, type WorkingDayCalendar } from '#calendar';
import type { UploadStaging } from '#documents';
import { DomainError, type CaseKind, type Policy } from '#domain';
import {
  CATCH_UP_ORDER,
  DIGEST_LOCAL_HOUR,
  InputValidationError,
  NOTIFICATION_JOBS,
  UnsupportedUploadError,
  type CommandResultResponse,
  type JobRunner,
  type LetterWriter,
  type Upload,
} from '#api';
import { COMPLAINT_STORIES } from './complaint-stories';
import { sendDemoLetter, toCqrsCommand } from './demo-commands';
import { DemoTime } from './demo-timing';
import { SeededRandom } from './seeded-random';
import type { SteppingClock } from './stepping-clock';
import type { Act, Story, StoryType } from './story-kit';
import { FEEDBACK_STORIES } from './feedback-stories';
import { TimeQueue } from './time-queue';

export const STORY_TYPES: readonly StoryType[] = [...COMPLAINT_STORIES, ...FEEDBACK_STORIES];

/** Complaints, compliments and suggestions in about these shares. */
const KIND_WEIGHTS: ReadonlyArray<{ kind: CaseKind; weight: number }> = [
  { kind: 'complaint', weight: 60 },
  { kind: 'compliment', weight: 25 },
  { kind: 'suggestion', weight: 15 },
];

/** The first cases tell one story of each type, early enough in the year to finish it. */
const FINISHING_SHARE_OF_YEAR = 0.6;
/** No new feedback in the last days, so a receipt moved to the next working day stays in the year. */
const LAST_RECEIPT_DAYS_BEFORE_END = 5;
/** When the scheduled jobs run each day of the year (local time), as the server's timers would. */
const JOBS_HOUR = 6;
const HOUR = 3_600_000;

export interface DemoYearOptions {
  cases: number;
  seed: number;
  /** The year ends now: nothing is recorded after it. */
  end: Date;
  policy: Policy;
  calendar: WorkingDayCalendar;
  clock: SteppingClock;
  commands: CommandBus;
  jobs: JobRunner;
  /** Writes letters to complainants, as `POST /cases/:id/letters` does. */
  letters: LetterWriter;
  /** Where an attached file is written first, as an upload over HTTP is. */
  staging: UploadStaging;
  onReceived?(received: number, of: number): void;
}

export interface Refusal {
  story: string;
  reference: string | null;
  command: string;
  reason: string;
}

export interface DemoYear {
  from: Date;
  to: Date;
  cases: number;
  /** Stories begun, by type. */
  stories: Record<string, number>;
  /** A case per story type (its id), to look at. */
  examples: Record<string, string>;
  /** Acts sent through the command bus. */
  acts: number;
  /** Events the scheduled jobs recorded, by type. */
  jobEvents: Record<string, number>;
  /** E-mails the `reminders` and `digest` jobs sent to staff, by kind. */
  staffNotices: Record<string, number>;
  /** Acts the policy refused (the rest of that case's story was left untold). */
  refusals: Refusal[];
}

interface RunningStory {
  type: StoryType;
  story: Story;
  caseId: string | null;
  reference: string | null;
  lastAt: number;
  /** The case as the last command left it: what a story is given back after a letter. */
  last: CommandResultResponse | null;
}

type Entry = { act: Act; running: RunningStory } | { jobs: true } | { notify: true };

const isRefusal = (error: unknown) =>
  error instanceof DomainError ||
  error instanceof InputValidationError ||
  error instanceof UnsupportedUploadError;

interface Playing {
  options: DemoYearOptions;
  year: DemoYear;
  queue: TimeQueue<Entry>;
  /** Stories begun: the cases the year will hold. */
  begun: number;
}

/** Each case's story, its first act (the receipt) on the agenda. */
function beginStories(playing: Playing, random: SeededRandom, time: DemoTime): void {
  const { options, year, queue } = playing;
  const { from, to } = year;
  const lastReceipt = new Date(to.getTime() - LAST_RECEIPT_DAYS_BEFORE_END * 24 * HOUR);
  const finishing = new Date(
    from.getTime() + FINISHING_SHARE_OF_YEAR * (to.getTime() - from.getTime()),
  );
  for (let n = 1; n <= options.cases; n += 1) {
    const guaranteed = n <= STORY_TYPES.length;
    const type = guaranteed ? STORY_TYPES[n - 1] : chooseStory(random);
    const arrives = time.receiptDate(from, guaranteed ? finishing : lastReceipt);
    const story = type.tell({ n, random, time, policy: options.policy, arrives });
    const first = story.next();
    if (first.done || first.value.at > to) continue;
    queue.add(first.value.at, {
      act: first.value,
      running: {
        type,
        story,
        caseId: null,
        reference: null,
        lastAt: first.value.at.getTime(),
        last: null,
      },
    });
    year.stories[type.name] = (year.stories[type.name] ?? 0) + 1;
    playing.begun += 1;
  }
}

/**
 * The scheduled jobs every morning of the year, then the staff reminders and digest once the
 * digest's hour has come (the server's hourly timers send nothing new in between for a
 * story's day), and all once more at its end (as a server starting now would).
 */
function scheduleJobs({ year, queue, options }: Playing, time: DemoTime): void {
  for (let day = options.calendar.localDateOf(year.from); ; day = addDays(day, 1)) {
    const morning = time.at(day, JOBS_HOUR, 0);
    if (morning > year.to) break;
    if (morning > year.from) queue.add(morning, { jobs: true });
    const notices = time.at(day, DIGEST_LOCAL_HOUR, 0);
    if (notices > year.from && notices <= year.to) queue.add(notices, { notify: true });
  }
  queue.add(year.to, { jobs: true });
  queue.add(year.to, { notify: true });
}

/**
 * Plays a year of feedback through the application, in time order: every act of every
 * case, each sent as the CQRS command the HTTP API would send, by a person with the right
 * role, with the clock set to its time; and each morning the scheduled jobs, as the
 * server's timers would run them. What happens next to a case depends on what the
 * command answered (its deadlines, its windows), as it would for the person handling it.
 */
export async function playDemoYear(options: DemoYearOptions): Promise<DemoYear> {
  const random = new SeededRandom(options.seed);
  const time = new DemoTime(options.calendar, random);
  const year: DemoYear = {
    from: new Date(options.end.getTime() - 365 * 24 * HOUR),
    to: options.end,
    cases: 0,
    stories: {},
    examples: {},
    acts: 0,
    jobEvents: {},
    staffNotices: {},
    refusals: [],
  };
  const playing: Playing = { options, year, queue: new TimeQueue<Entry>(), begun: 0 };
  beginStories(playing, random, time);
  scheduleJobs(playing, time);
  for (let entry = playing.queue.take(); entry !== null; entry = playing.queue.take()) {
    options.clock.set(entry.at);
    if ('jobs' in entry.item) await runJobs(options.jobs, year);
    else if ('notify' in entry.item) await tellStaff(options.jobs, year);
    else await perform(playing, entry.item.act, entry.item.running);
  }
  return year;
}

function chooseStory(random: SeededRandom): StoryType {
  const { kind } = random.weighted(KIND_WEIGHTS);
  return random.weighted(STORY_TYPES.filter((type) => type.kind === kind));
}

async function runJobs(jobs: JobRunner, year: DemoYear): Promise<void> {
  for (const job of CATCH_UP_ORDER) {
    const report = await jobs.run(job);
    for (const [type, count] of Object.entries(report.events))
      year.jobEvents[type] = (year.jobEvents[type] ?? 0) + count;
    if (report.failed > 0)
      throw new Error(
        `the ${job} job failed on ${report.failed} case(s): ${report.failures[0]?.error}`,
      );
  }
}

async function tellStaff(jobs: JobRunner, year: DemoYear): Promise<void> {
  for (const job of NOTIFICATION_JOBS) {
    const report = await jobs.notify(job);
    for (const [kind, count] of Object.entries(report.sent))
      year.staffNotices[kind] = (year.staffNotices[kind] ?? 0) + count;
    if (report.stoppedEarly !== null || report.failed > 0)
      throw new Error(`the ${job} job did not send: ${report.stoppedEarly ?? 'refused'}`);
  }
}

/** The act as the API would take it: a letter through the letter writer, the rest through the command bus. */
async function send(
  options: DemoYearOptions,
  { command, actor }: Act,
  running: RunningStory,
  upload: Upload | null,
): Promise<CommandResultResponse> {
  if (command.type !== 'letter' || running.caseId === null || running.last === null)
    return options.commands.execute(await toCqrsCommand(command, actor, running.caseId, upload));
  await sendDemoLetter(options.letters, command, actor, running.caseId);
  return running.last;
}

/** Sends one act and schedules the story's next, unless it falls after the end of the year. */
async function perform(
  { options, year, queue, begun }: Playing,
  act: Act,
  running: RunningStory,
): Promise<void> {
  let result: CommandResultResponse;
  const { command } = act;
  const upload =
    command.type === 'attach'
      ? {
          originalname: command.file.originalname,
          ...(await options.staging.stage(Readable.from([command.file.content]))),
        }
      : null;
  try {
    result = await send(options, act, running, upload);
  } catch (error) {
    if (!isRefusal(error)) throw error;
    year.refusals.push({
      story: running.type.name,
      reference: running.reference,
      command: act.command.type,
      reason: (error as Error).message,
    });
    return;
  } finally {
    if (upload) await options.staging.discard(upload);
  }
  year.acts += 1;
  running.last = result;
  if (running.caseId === null) {
    running.caseId = result.id;
    running.reference = result.reference;
    year.cases += 1;
    year.examples[running.type.name] ??= result.id;
    options.onReceived?.(year.cases, begun);
  }
  const next = running.story.next(result);
  if (next.done) return;
  // A story's acts never go back in time, whatever its arithmetic said.
  const at = new Date(Math.max(next.value.at.getTime(), running.lastAt + 60_000));
  if (at > options.end) return; // still in progress at the end of the year
  running.lastAt = at.getTime();
  queue.add(at, { act: { ...next.value, at }, running });
}
