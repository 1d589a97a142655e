import type { Actor } from '../case/case.model';
import {
  decideDirectory,
  emptyDirectory,
  evolveDirectory,
  findByEmail,
  type DirectoryCommand,
  type DirectoryEvent,
  type DirectoryState,
} from './staff-directory';

const admin: Actor = { id: 'ada', name: 'Ada Admin', roles: ['admin'] };
const given = (...events: DirectoryEvent[]): DirectoryState =>
  events.reduce(evolveDirectory, emptyDirectory);
const added = (
  personId: string,
  roles: string[],
  email = `${personId}@college.example`,
): DirectoryEvent =>
  ({
    type: 'PersonAdded',
    data: { personId, name: `Name of ${personId}`, email, roles },
  }) as DirectoryEvent;
const when =
  (state: DirectoryState, command: DirectoryCommand, actor: Actor = admin) =>
  () =>
    decideDirectory(command, state, actor);

describe('the staff directory', () => {
  it('takes its first person only as an administrator, from anyone (the first run)', () => {
    const nobody: Actor = { id: 'setup', roles: [] };
    expect(
      decideDirectory(
        {
          type: 'AddPerson',
          data: { id: 'ada', name: ' Ada Admin ', email: 'Ada@College.example', roles: ['admin'] },
        },
        emptyDirectory,
        nobody,
      ),
    ).toEqual([
      {
        type: 'PersonAdded',
        data: {
          personId: 'ada',
          name: 'Ada Admin',
          email: 'ada@college.example',
          roles: ['admin'],
        },
      },
    ]);
    expect(
      when(
        emptyDirectory,
        {
          type: 'AddPerson',
          data: { id: 'sam', name: 'Sam', email: 'sam@college.example', roles: ['staff'] },
        },
        nobody,
      ),
    ).toThrow(/first person .* must be an administrator/);
  });

  it('is changed by administrators only once it has people', () => {
    const state = given(added('ada', ['admin']), added('sam', ['staff']));
    const sam: Actor = { id: 'sam', roles: ['staff'] };
    expect(
      when(
        state,
        { type: 'ChangeRoles', data: { personId: 'sam', roles: ['senior-manager'] } },
        sam,
      ),
    ).toThrow(/Only an administrator/);
  });

  it('records who was given which roles, from what', () => {
    const state = given(added('ada', ['admin']), added('sam', ['staff']));
    expect(
      decideDirectory(
        { type: 'ChangeRoles', data: { personId: 'sam', roles: ['staff', 'operations-manager'] } },
        state,
        admin,
      ),
    ).toEqual([
      {
        type: 'PersonRolesChanged',
        data: { personId: 'sam', from: ['staff'], to: ['staff', 'operations-manager'] },
      },
    ]);
    expect(
      decideDirectory(
        { type: 'ChangeRoles', data: { personId: 'sam', roles: ['staff'] } },
        state,
        admin,
      ),
    ).toEqual([]);
  });

  it('gives each e-mail address to one person, whatever its letter case', () => {
    const state = given(added('ada', ['admin']), added('sam', ['staff']));
    expect(
      when(state, {
        type: 'AddPerson',
        data: { id: 'x', name: 'Other Sam', email: 'SAM@college.example', roles: ['staff'] },
      }),
    ).toThrow(/already in the staff directory/);
    expect(findByEmail(state, ' Sam@College.Example ')?.id).toBe('sam');
  });

  it('refuses a person without a role, with an unknown role, or without a usable e-mail address', () => {
    const state = given(added('ada', ['admin']));
    const add = (email: string, roles: string[]) =>
      ({ type: 'AddPerson', data: { id: 'n', name: 'New', email, roles } }) as DirectoryCommand;
    expect(when(state, add('new@college.example', []))).toThrow(/at least one role/);
    expect(when(state, add('new@college.example', ['wizard']))).toThrow(/"wizard" is not a role/);
    expect(when(state, add('not an address', ['staff']))).toThrow(/Enter an email address/);
  });

  it('always keeps an active administrator, and an administrator cannot lock themselves out', () => {
    const state = given(added('ada', ['admin']), added('bob', ['admin']));
    expect(when(state, { type: 'DeactivatePerson', data: { personId: 'ada' } })).toThrow(
      /your own administrator access/,
    );
    expect(
      when(state, { type: 'ChangeRoles', data: { personId: 'ada', roles: ['staff'] } }),
    ).toThrow(/your own administrator access/);
    const bobGone = given(added('ada', ['admin']), added('bob', ['admin']), {
      type: 'PersonDeactivated',
      data: { personId: 'bob' },
    });
    const bob: Actor = { id: 'bob', roles: ['admin'] };
    expect(
      when(bobGone, { type: 'ChangeRoles', data: { personId: 'ada', roles: ['staff'] } }, bob),
    ).toThrow(/last active administrator/);
  });

  it('deactivates and reactivates, once each', () => {
    let state = given(added('ada', ['admin']), added('sam', ['staff']));
    const off = decideDirectory(
      { type: 'DeactivatePerson', data: { personId: 'sam' } },
      state,
      admin,
    );
    expect(off).toEqual([{ type: 'PersonDeactivated', data: { personId: 'sam' } }]);
    state = off.reduce(evolveDirectory, state);
    expect(state.people.get('sam')?.active).toBe(false);
    expect(
      decideDirectory({ type: 'DeactivatePerson', data: { personId: 'sam' } }, state, admin),
    ).toEqual([]);
    expect(
      decideDirectory({ type: 'ReactivatePerson', data: { personId: 'sam' } }, state, admin),
    ).toEqual([{ type: 'PersonReactivated', data: { personId: 'sam' } }]);
    expect(when(state, { type: 'DeactivatePerson', data: { personId: 'nobody' } })).toThrow(
      /no such person/,
    );
  });
});
