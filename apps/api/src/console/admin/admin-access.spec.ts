import { ActorNotPermittedError, ROLES, type Role } from '#domain';
import { requireAdministrator } from './admin-access';

const contextOf = (...roles: Role[]) => ({
  actor: { id: 'u-1', name: 'Someone', roles },
  correlationId: 'req-1',
});

describe('who may use the administration pages', () => {
  it('lets an administrator in', () => {
    expect(() => requireAdministrator(contextOf('admin'))).not.toThrow();
    expect(() => requireAdministrator(contextOf('staff', 'admin'))).not.toThrow();
  });

  it.each(ROLES.filter((role) => role !== 'admin'))('refuses someone who is only %s', (role) => {
    expect(() => requireAdministrator(contextOf(role))).toThrow(ActorNotPermittedError);
  });
});
