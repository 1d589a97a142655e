import type { WorkingDayCalendar } from '#calendar';
import type { Policy, Role, StaffMember } from '#domain';
import type { CaseSummary } from '#read-models';
import type { StaffNotificationKind } from '#scheduling';

/** Who hears of stalled cases and gets the daily digest. */
export const MANAGER_ROLES: readonly Role[] = ['operations-manager', 'senior-manager'];

/**
 * One e-mail to one person. It carries the case's reference, stage and due date and no
 * more: e-mail is not the place for a complaint's content.
 */
export interface StaffNotice {
  /** Deterministic: the same notice worked out twice has the same id, and goes once. */
  id: string;
  kind: StaffNotificationKind;
  caseId: string | null;
  to: StaffMember;
  subject: string;
  text: string;
}

/** What the notices are worked out from. */
export interface NoticeSettings {
  policy: Pick<Policy, 'notifications' | 'complaints'>;
  calendar: WorkingDayCalendar;
  now: Date;
  /** Local time in the policy's zone, in people's words. */
  timeInWords: (iso: string) => string;
  /** The case's page in the console. */
  caseLink: (reference: string) => string;
}

const active = (people: readonly StaffMember[]) => people.filter((p) => p.active);
const holding = (people: readonly StaffMember[], roles: readonly Role[]) =>
  active(people).filter((p) => p.roles.some((r) => roles.includes(r)));

/**
 * The roles that handle a case at its stage: the stage's deciders but plain staff, who
 * count only on the cases they take part in (policy.ts, StageDeciders); managers where the
 * stage names no one else (feedback, an external stage).
 */
export function handlingRoles(
  policy: Pick<Policy, 'complaints'>,
  stage: number | null,
): readonly Role[] {
  const deciders = policy.complaints.stages.find((s) => s.stage === stage)?.decidedBy;
  const roles = (deciders?.respondAndClose ?? []).filter((r) => r !== 'staff');
  return roles.length > 0 ? roles : MANAGER_ROLES;
}

function ownerOrHandlers(
  found: CaseSummary,
  people: readonly StaffMember[],
  policy: NoticeSettings['policy'],
) {
  const owner = found.owner && active(people).find((p) => p.id === found.owner!.id);
  return owner ? [owner] : holding(people, handlingRoles(policy, found.stage));
}

function ownerAndHandlers(
  found: CaseSummary,
  people: readonly StaffMember[],
  policy: NoticeSettings['policy'],
) {
  const owner = found.owner && active(people).find((p) => p.id === found.owner!.id);
  const handlers = holding(people, handlingRoles(policy, found.stage));
  return owner && !handlers.includes(owner) ? [owner, ...handlers] : handlers;
}

const stageWords = (found: CaseSummary) =>
  found.stageName ? `stage ${found.stage} (${found.stageName})` : found.kind;

const deadlineWords = (deadline: NonNullable<CaseSummary['nextDeadline']>) =>
  deadline.kind === 'acknowledgement' ? 'acknowledgement' : 'response';

function caseLines(found: CaseSummary, settings: NoticeSettings): string[] {
  const lines = [`Case: ${found.reference}`, `Stage: ${stageWords(found)}`];
  if (found.nextDeadline)
    lines.push(
      `${deadlineWords(found.nextDeadline)[0].toUpperCase()}${deadlineWords(found.nextDeadline).slice(1)} due: ${settings.timeInWords(found.nextDeadline.dueBy)}`,
    );
  return [...lines, `Open the case: ${settings.caseLink(found.reference)}`];
}

function notice(
  kind: StaffNotificationKind,
  key: string,
  found: CaseSummary,
  to: StaffMember,
  subject: string,
  opening: string,
  settings: NoticeSettings,
): StaffNotice {
  return {
    id: `${kind}:${found.id}:${key}:${to.id}`,
    kind,
    caseId: found.id,
    to,
    subject,
    text: [`Dear ${to.name},`, '', opening, '', ...caseLines(found, settings), ''].join('\n'),
  };
}

/** The owner of a case, told it is theirs (once per case and owner). */
function assigned(found: CaseSummary, people: readonly StaffMember[], settings: NoticeSettings) {
  const owner = found.owner && active(people).find((p) => p.id === found.owner!.id);
  if (!owner) return [];
  return [
    notice(
      'assigned',
      'owner',
      found,
      owner,
      `${found.reference} is assigned to you`,
      'A case has been assigned to you.',
      settings,
    ),
  ];
}

/** Before the case's next deadline, and once it has passed without being met. */
function deadlineNotices(
  found: CaseSummary,
  people: readonly StaffMember[],
  settings: NoticeSettings,
) {
  const deadline = found.nextDeadline;
  if (!deadline) return [];
  const { now, calendar, policy } = settings;
  // The due date is in the id: an extended deadline is a new one, with its own reminder.
  const key = `${deadline.kind}:${deadline.stage ?? '-'}:${deadline.dueBy}`;
  const what = deadlineWords(deadline);
  if (Date.parse(deadline.dueBy) <= now.getTime())
    return ownerAndHandlers(found, people, policy).map((to) =>
      notice(
        'deadline-missed',
        key,
        found,
        to,
        `${found.reference}: ${what} deadline missed`,
        `The ${what} deadline of this case has passed without one being recorded.`,
        settings,
      ),
    );
  const remindFrom = calendar.workingDaysAfter(
    now,
    policy.notifications.reminderWorkingDaysBefore,
  ).dueBy;
  if (Date.parse(deadline.dueBy) > remindFrom.getTime()) return [];
  return ownerOrHandlers(found, people, policy).map((to) =>
    notice(
      'deadline-reminder',
      key,
      found,
      to,
      `${found.reference}: ${what} due soon`,
      `The ${what} for this case is due soon.`,
      settings,
    ),
  );
}

/** Managers, of an open case with no activity for the policy's number of working days. */
function stalled(found: CaseSummary, people: readonly StaffMember[], settings: NoticeSettings) {
  const after = settings.policy.notifications.stalledAfterWorkingDays;
  if (after === null) return [];
  const quiet = settings.calendar.workingDaysBetween(new Date(found.lastActivityAt), settings.now);
  if (quiet < after) return [];
  return holding(people, MANAGER_ROLES).map((to) =>
    notice(
      'stalled',
      found.lastActivityAt,
      found,
      to,
      `${found.reference}: no activity for ${quiet} working days`,
      `Nothing has been recorded on this case for ${quiet} working days.`,
      settings,
    ),
  );
}

/** What the `reminders` job owes on the open cases given. */
export function remindersDue(
  cases: readonly CaseSummary[],
  people: readonly StaffMember[],
  settings: NoticeSettings,
): StaffNotice[] {
  return cases.flatMap((found) => [
    ...assigned(found, people, settings),
    ...deadlineNotices(found, people, settings),
    ...stalled(found, people, settings),
  ]);
}

/** A manager's cases: those they own, and the unassigned ones their roles handle. */
function casesOf(
  manager: StaffMember,
  cases: readonly CaseSummary[],
  policy: NoticeSettings['policy'],
) {
  return cases.filter((found) =>
    found.owner
      ? found.owner.id === manager.id
      : handlingRoles(policy, found.stage).some((r) => manager.roles.includes(r)),
  );
}

/** Each manager's digest for today: their overdue and due-soon cases, if they have any. */
export function digestsDue(
  cases: readonly CaseSummary[],
  managers: readonly StaffMember[],
  settings: NoticeSettings & { dueSoonBy: Date; today: string },
): StaffNotice[] {
  const due = cases.filter(
    (c) => c.nextDeadline && Date.parse(c.nextDeadline.dueBy) <= settings.dueSoonBy.getTime(),
  );
  return holding(managers, MANAGER_ROLES).flatMap((to) => {
    const theirs = casesOf(to, due, settings.policy);
    if (theirs.length === 0) return [];
    const overdue = theirs.filter(
      (c) => Date.parse(c.nextDeadline!.dueBy) <= settings.now.getTime(),
    );
    const soon = theirs.filter((c) => !overdue.includes(c));
    const section = (title: string, list: CaseSummary[]) =>
      list.length === 0
        ? []
        : [
            `${title} (${list.length})`,
            '',
            ...list.flatMap((c) => [...caseLines(c, settings), '']),
          ];
    return [
      {
        id: `digest:${settings.today}:${to.id}`,
        kind: 'digest' as const,
        caseId: null,
        to,
        subject: `Your cases today: ${overdue.length} overdue, ${soon.length} due soon`,
        text: [
          `Dear ${to.name},`,
          '',
          ...section('Overdue', overdue),
          ...section('Due soon', soon),
        ].join('\n'),
      },
    ];
  });
}
