import { isLocalDate } from '#calendar';
import type { ExtendDeadline } from '../case.commands';
import { CaseStateConflictError, InvalidCommandError, PolicyRuleError } from '../case.errors';
import type { CaseEvent } from '../case.events';
import { parseInstant } from '../instant';
import type { Instant } from '../case.model';
import { isOpenDeadline, type Case, type CaseState, type TrackedDeadline } from '../case.state';
import {
  requireSeniorManager,
  personOf,
  requireComplaint,
  requireInProgress,
  stagePolicy,
  type DecisionContext,
} from './decision-context';

/** The most working days one extension may add when given as a count (the API's limit too). */
export const MAX_WORKING_DAYS_PER_EXTENSION = 60;

/** The open deadline of this kind at the case's current stage: only that one may be extended. */
function openDeadline(found: Case, command: ExtendDeadline): TrackedDeadline {
  const { deadline, stage } = command.data;
  const open =
    stage === found.stage
      ? found.deadlines.find((d) => d.kind === deadline && d.stage === stage && isOpenDeadline(d))
      : undefined;
  if (!open) {
    throw new CaseStateConflictError(
      'no-open-deadline',
      `Case ${found.reference} has no open ${deadline} deadline at stage ${stage} to extend: only a deadline of the current stage (${found.stage}) not yet met can be.`,
    );
  }
  return open;
}

/** The new due date: N working days after the current one, or the end of the working day given. */
function newDueDate(
  command: ExtendDeadline,
  current: TrackedDeadline,
  context: DecisionContext,
): { dueBy: Date; dueDate: string } {
  const { addWorkingDays, newDueDate: date } = command.data;
  if ((addWorkingDays === undefined) === (date === undefined)) {
    throw new InvalidCommandError(
      'addWorkingDays',
      'extend-by-days-or-to-date',
      'Give either a number of working days to add or a new due date, not both.',
    );
  }
  if (addWorkingDays !== undefined) {
    if (
      !Number.isInteger(addWorkingDays) ||
      addWorkingDays < 1 ||
      addWorkingDays > MAX_WORKING_DAYS_PER_EXTENSION
    ) {
      throw new InvalidCommandError(
        'addWorkingDays',
        'invalid-working-days',
        `addWorkingDays must be a whole number from 1 to ${MAX_WORKING_DAYS_PER_EXTENSION}.`,
      );
    }
    return context.calendar.workingDaysAfter(new Date(current.dueBy), addWorkingDays);
  }
  if (!isLocalDate(date)) {
    throw new InvalidCommandError(
      'newDueDate',
      'invalid-date',
      'newDueDate must be a real date, e.g. 2026-12-14.',
    );
  }
  if (!context.calendar.isWorkingDay(date)) {
    throw new InvalidCommandError(
      'newDueDate',
      'not-a-working-day',
      `${date} is not a working day: choose a working day for the deadline to end on.`,
    );
  }
  return { dueBy: context.calendar.endOfDay(date), dueDate: date };
}

/**
 * Beyond the policy's allowance (in all, from the deadline as first set), only a senior
 * manager with a reason extends. An override given is a senior manager's, needed or not.
 */
function checkAllowance(
  found: Case,
  command: ExtendDeadline,
  current: TrackedDeadline,
  dueBy: Date,
  context: DecisionContext,
): { reason: string } | null {
  const allowed = stagePolicy(context.policy, current.stage ?? 0)?.extensionMaxWorkingDays ?? null;
  if (allowed === null) {
    throw new PolicyRuleError(
      'extension-not-allowed',
      `The policy allows no extension of deadlines at stage ${current.stage} (${found.stageName}).`,
    );
  }
  const { override } = command.data;
  if (override) {
    requireSeniorManager(command.actor, 'extend a deadline beyond what the policy allows');
    return { reason: override.reason };
  }
  const total = context.calendar.workingDaysBetween(new Date(current.originalDueBy), dueBy);
  if (total > allowed) {
    throw new PolicyRuleError(
      'extension-beyond-allowance',
      `This would extend the ${current.kind} deadline by ${total} working days in all; the policy allows ${allowed} at stage ${current.stage}. A senior manager may override with a reason.`,
    );
  }
  return null;
}

/** When the complainant was told: a real instant, not in the future, not before the case. */
function informedAt(found: Case, given: Instant | undefined, now: Date): Instant | null {
  if (given === undefined) return null;
  const parsed = parseInstant(given);
  const field = 'complainantInformedAt';
  if (parsed === null) {
    throw new InvalidCommandError(
      field,
      'invalid-instant',
      `${field} must be a real date and time from 2000 on, in ISO-8601 with Z or an offset.`,
    );
  }
  const at = parsed.toISOString();
  if (parsed > now)
    throw new InvalidCommandError(field, 'time-in-future', `${field} cannot be in the future.`);
  if (at < found.receivedAt) {
    throw new InvalidCommandError(
      field,
      'time-before-case',
      `${field} cannot be before the case was received (${found.receivedAt}).`,
    );
  }
  return at;
}

/**
 * Moves an open deadline of the current stage later, with a reason. A deadline already
 * missed may be extended: it stays recorded as missed, and the new date is what the
 * complainant was promised since.
 */
export function extendDeadline(
  command: ExtendDeadline,
  state: CaseState,
  context: DecisionContext,
): CaseEvent[] {
  const found = requireInProgress(state);
  requireComplaint(found, 'have deadlines extended under the complaints procedure');
  const current = openDeadline(found, command);
  const { dueBy, dueDate } = newDueDate(command, current, context);
  if (dueBy.toISOString() <= current.dueBy) {
    throw new InvalidCommandError(
      'newDueDate',
      'not-later',
      `The new due date must be later than the current one (${current.dueDate}).`,
    );
  }
  const override = checkAllowance(found, command, current, dueBy, context);
  return [
    {
      type: 'DeadlineExtended',
      occurredAt: context.now.toISOString(),
      data: {
        deadline: current.kind,
        stage: command.data.stage,
        previousDueBy: current.dueBy,
        dueBy: dueBy.toISOString(),
        dueDate,
        workingDaysAdded: context.calendar.workingDaysBetween(new Date(current.dueBy), dueBy),
        reason: command.data.reason,
        complainantInformedAt: informedAt(found, command.data.complainantInformedAt, context.now),
        override,
        extendedBy: personOf(command.actor),
      },
    },
  ];
}
