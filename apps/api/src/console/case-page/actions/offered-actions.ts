import {
  availableActions,
  type Actor,
  type AvailableAction,
  type AvailableActionType,
  type Case,
  type Policy,
} from '#domain';
import { ApiProblemError } from '../../../http/problem';
import { ACTION_FORMS } from './action-forms';

/** An action's page asked for when the case does not offer it to this person now. */
export class ActionNotOfferedError extends ApiProblemError {
  constructor(label: string) {
    super(403, 'action-not-offered', `“${label}” is not something you can do on this case now.`);
  }
}

/** The form that sends each action (the guardian's two decisions share one form). */
const FORM_OF: Partial<Record<AvailableActionType, string>> = {
  ...Object.fromEntries(Object.entries(ACTION_FORMS).map(([path, form]) => [form.route, path])),
  WaiveGuardianNotification: 'guardian-notification',
};

export interface OfferedActions {
  /** The forms offered, by path, in the domain's order, each with the actions it may send. */
  forms: Map<string, AvailableAction[]>;
  /** The upload form: attaching a document has no form of its own. */
  mayAttach: boolean;
}

/** What this person may do on this case now, as the domain's `availableActions` says. */
export function offeredActions(
  found: Case,
  actor: Actor,
  policy: Policy,
  now: Date,
): OfferedActions {
  const forms = new Map<string, AvailableAction[]>();
  let mayAttach = false;
  for (const action of availableActions(found, actor, policy, now)) {
    if (action.type === 'AttachDocument') mayAttach = true;
    const path = FORM_OF[action.type];
    if (path) forms.set(path, [...(forms.get(path) ?? []), action]);
  }
  return { forms, mayAttach };
}
