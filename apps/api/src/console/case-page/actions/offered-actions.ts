import type { Actor, Case, CaseCommand, Policy } from '#domain';
import { ApiProblemError } from '../../../http/problem';
import { ACTION_FORMS } from './action-forms';

/** An action's page asked for when the case does not offer it to this person now. */
export class ActionNotOfferedError extends ApiProblemError {
  constructor(label: string) {
    super(403, 'action-not-offered', `“${label}” is not something you can do on this case now.`);
  }
}

/** The form that sends each domain command (the guardian's two facts share one form). */
const FORM_OF: Partial<Record<CaseCommand['type'], string>> = {
  ...Object.fromEntries(Object.entries(ACTION_FORMS).map(([path, form]) => [form.route, path])),
  WaiveGuardianNotification: 'guardian-notification',
};

export interface OfferedActions {
  /** The paths of the action forms offered, in the page's order. */
  forms: string[];
  mayAttach: boolean;
}

/** What this person may do on this case now, as the domain says. */
export function offeredActions(
  found: Case,
  actor: Actor,
  policy: Policy,
  now: Date,
): OfferedActions {
  const commands = new Set<CaseCommand['type']>(availableCommands(found, actor, policy, now));
  const forms = Object.keys(ACTION_FORMS).filter((path) =>
    [...commands].some((type) => FORM_OF[type] === path),
  );
  return { forms, mayAttach: commands.has('AttachDocument') };
}

// INTERIM until the domain's availableActions is on main: everything, the domain refusing.
function availableCommands(_found: Case, _actor: Actor, _policy: Policy, _now: Date) {
  return [...(Object.keys(FORM_OF) as CaseCommand['type'][]), 'AttachDocument' as const];
}
