import { ActorNotPermittedError, mayAdminister } from '#domain';
import type { RequestContext } from '../../http/request-context';

/**
 * The administration pages (people, read models, jobs, the system) are for administrators
 * only, by the same domain rule as the API's admin endpoints: anyone else gets the
 * "not allowed" page (403), as the API would answer.
 */
export function requireAdministrator(context: RequestContext): void {
  if (!mayAdminister(context.actor))
    throw new ActorNotPermittedError(
      'admin-only',
      'Only an administrator can see and change the administration pages.',
    );
}
