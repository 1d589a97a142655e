import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Actor } from '#domain';
import type { AuthenticatedRequest, RequestContext } from '../../http/request-context';
import type { ConsolePerson } from './console-people.port';
import type { ConsoleVisit } from './console-sessions';

export type ConsoleRequest = AuthenticatedRequest & { visit?: ConsoleVisit };

export const actorOf = (person: ConsolePerson): Actor => ({
  id: person.id,
  name: person.name,
  roles: person.roles,
});

function signedInPerson(context: ExecutionContext): ConsolePerson {
  const person = context.switchToHttp().getRequest<ConsoleRequest>().visit?.person;
  if (!person) throw new Error('@Viewer used on a console page that does not need signing in');
  return person;
}

/** The signed-in person looking at a console page. */
export const Viewer = createParamDecorator((_: unknown, context: ExecutionContext) =>
  signedInPerson(context),
);

/** What a console form's command carries into its events: the person, and this request's id. */
export const ConsoleContext = createParamDecorator(
  (_: unknown, context: ExecutionContext): RequestContext => {
    const request = context.switchToHttp().getRequest<ConsoleRequest>();
    return {
      actor: actorOf(signedInPerson(context)),
      correlationId: request.requestId!,
    };
  },
);
