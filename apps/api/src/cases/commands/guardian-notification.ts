import type { Actor, RecordGuardianNotification, WaiveGuardianNotification } from '#domain';
import { InputValidationError } from '../../http/problem';
import type { GuardianNotificationRequest } from '../case-requests';

/** One request, two facts: the guardian was told, or telling them was waived for a reason. */
export function guardianNotificationCommand(
  body: GuardianNotificationRequest,
  actor: Actor,
): RecordGuardianNotification | WaiveGuardianNotification {
  if (body.waived) {
    const mixed = (['notifiedAt', 'guardianName', 'method'] as const).filter(
      (f) => body[f] !== undefined,
    );
    if (mixed.length > 0)
      throw new InputValidationError(
        mixed.map((field) => ({ field, message: `${field} does not go with waived: true` })),
      );
    return { type: 'WaiveGuardianNotification', actor, data: { reason: body.reason! } };
  }
  if (body.reason !== undefined)
    throw new InputValidationError([
      { field: 'reason', message: 'reason goes only with waived: true' },
    ]);
  return {
    type: 'RecordGuardianNotification',
    actor,
    data: { notifiedAt: body.notifiedAt, guardianName: body.guardianName!, method: body.method! },
  };
}
