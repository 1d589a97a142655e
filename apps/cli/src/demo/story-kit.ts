import type { LocalDate } from '#calendar';
import type { Actor, CaseKind, Policy } from '#domain';
import type { CommandResultResponse, ReceiveCaseRequest } from '#api';
import type { DemoCommand } from './demo-commands';
import { CATEGORIES, complainant, COMPLAINTS, type Category } from './demo-people';
import type { DemoTime } from './demo-timing';
import type { SeededRandom } from './seeded-random';

/** One thing someone does on a case, when. */
export interface Act {
  at: Date;
  actor: Actor;
  command: DemoCommand;
}

/**
 * A case's year, told as a generator: it yields each act and is given back the command's
 * result (the case as it then stands), so later acts can follow its deadlines and windows.
 * Acts come in time order; a story ends when it returns, or when its next act would fall
 * after the end of the demo year (the case is then still in progress).
 */
export type Story = Generator<Act, void, CommandResultResponse>;

export interface StoryKit {
  /** The case's number in this load: makes its documents' bytes its own. */
  n: number;
  random: SeededRandom;
  time: DemoTime;
  policy: Policy;
  /** The day the feedback arrives. */
  arrives: LocalDate;
}

export interface StoryType {
  name: string;
  kind: CaseKind;
  /** How common it is among stories of its kind. */
  weight: number;
  tell(kit: StoryKit): Story;
}

export const act = (at: Date, actor: Actor, command: DemoCommand): Act => ({ at, actor, command });

/** When the case's open deadline of this kind falls due at its current stage, if it has one. */
export function dueBy(
  result: CommandResultResponse,
  kind: 'acknowledgement' | 'response',
): Date | null {
  const open = result.case.deadlines.find(
    (d) => d.kind === kind && d.stage === result.case.stage && d.metAt === null,
  );
  return open ? new Date(open.dueBy) : null;
}

/**
 * When a deadline is met: mostly in time, late as often as `lateShare`; without a
 * deadline, a few working days on.
 */
export function meet(
  kit: StoryKit,
  result: CommandResultResponse,
  from: Date,
  kind: 'acknowledgement' | 'response',
  lateShare: number,
): Date {
  const due = dueBy(result, kind);
  if (due === null) return kit.time.within(from, 1, 4);
  return kit.random.chance(lateShare) ? kit.time.late(due) : kit.time.inTime(from, due);
}

/** Feedback by a channel that keeps an informal complaint informal under the policy. */
export function spokenOrWritten(kit: StoryKit): ReceiveCaseRequest['channel'] {
  const spoken = kit.random.chance(0.7) || kit.policy.rules.writtenComplaintsAreFormal;
  return spoken
    ? kit.random.pick(['in-person', 'phone'] as const)
    : kit.random.pick(['email', 'web-form'] as const);
}

export function writtenChannel(kit: StoryKit): ReceiveCaseRequest['channel'] {
  return kit.random.weighted([
    { channel: 'email' as const, weight: 5 },
    { channel: 'letter' as const, weight: 2 },
    { channel: 'web-form' as const, weight: 3 },
  ]).channel;
}

/** What a story says about a complaint; the rest is made up to match. */
export type ComplaintFields = Partial<ReceiveCaseRequest> & {
  channel: ReceiveCaseRequest['channel'];
  category?: Category;
};

/** A complaint as recorded: a theme, what it says in the complainant's words, who made it. */
export function complaintRequest(kit: StoryKit, fields: ComplaintFields): ReceiveCaseRequest {
  const { category = kit.random.pick(CATEGORIES), ...rest } = fields;
  const summary = kit.random.pick(COMPLAINTS[category]);
  const second = kit.random.chance(0.2) ? kit.random.pick(CATEGORIES) : category;
  return {
    kind: 'complaint',
    summary,
    details: `${summary}. Raised by ${fields.channel === 'letter' ? 'letter' : fields.channel}; case ${kit.n} of the demo year.`,
    complainant: complainant(kit.random),
    categories: [...new Set([category, second])],
    ...rest,
  };
}

export const outcome = (kit: StoryKit) =>
  kit.random.weighted([
    { outcome: 'upheld' as const, weight: 3 },
    { outcome: 'partially-upheld' as const, weight: 3 },
    { outcome: 'not-upheld' as const, weight: 3 },
    { outcome: 'resolved' as const, weight: 1 },
  ]).outcome;

/** A small PDF, unique to the case: enough for the store to recognise it by its bytes. */
export function pdf(kit: StoryKit, title: string): Buffer {
  return Buffer.from(
    `%PDF-1.7\n% ${title}\n% Demo case ${kit.n}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`,
  );
}

/** An e-mail as saved from a mail client (.eml). */
export function email(kit: StoryKit, from: string, subject: string, at: Date): Buffer {
  return Buffer.from(
    `From: ${from}\r\nTo: feedback@provider.example\r\nSubject: ${subject}\r\nDate: ${at.toUTCString()}\r\n\r\n${subject} (demo case ${kit.n}).\r\n`,
  );
}

/**
 * A letter to the complainant from the policy's template, on some cases only (chosen by the
 * case's number, not drawn, so the rest of the year's story stays as it was): by e-mail
 * when an address is known — it waits in the outbox, the demo having no mail server — and
 * by post as well on every third, or by post alone without an address.
 */
export function letterTo(
  kit: StoryKit,
  result: CommandResultResponse,
  template: 'acknowledgement' | 'response',
  every: number,
): DemoCommand | null {
  if (kit.n % every !== 0) return null;
  const emailed = Boolean(result.case.complainant.email);
  const posted = !emailed || kit.n % 3 === 0;
  const channels = [
    ...(emailed ? (['email'] as const) : []),
    ...(posted ? (['post'] as const) : []),
  ];
  return { type: 'letter', body: { template, channels } };
}
