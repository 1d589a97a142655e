import type { Role } from '../case/case.model';
import {
  administrator,
  staffDirectorySpecification as spec,
} from '../testing/staff-directory-specification';
import type { StaffDirectoryCommand } from './staff-directory.commands';
import type { StaffDirectoryEvent } from './staff-directory.events';
import { foldStaffDirectory } from './staff-directory.state';

const at = spec.at;
const ada = administrator('u-ada');
const staff = { id: 'u-sam', name: 'Sam', roles: ['staff'] as Role[] };

const added = (personId: string, email: string, ...roles: Role[]): StaffDirectoryEvent => ({
  type: 'PersonAdded',
  occurredAt: at,
  data: { personId, name: `Name of ${personId}`, email, roles },
});
const adaAdded = added('u-ada', 'ada@college.example', 'admin');
const samAdded = added('u-sam', 'sam@college.example', 'staff');

const add = (
  personId: string,
  email: string,
  roles: string[],
  actor = ada,
): StaffDirectoryCommand => ({
  type: 'AddPerson',
  actor,
  data: { personId, name: `Name of ${personId}`, email, roles: roles as Role[] },
});

describe('the staff directory', () => {
  describe('on first run, with nobody in it', () => {
    it('takes an administrator as the first person, from whoever holds the setup code', () =>
      spec
        .given()
        .when(add('u-ada', 'ada@college.example', ['admin'], { id: 'u-ada', roles: [] }))
        .then([adaAdded]));

    it('refuses a first person who is not an administrator', () =>
      spec
        .given()
        .when(add('u-sam', 'sam@college.example', ['staff']))
        .thenRefuses('first-person-not-administrator', 'rule'));
  });

  describe('adding people', () => {
    it('records who was added with which roles, in the order ROLES lists them, each once', () =>
      spec
        .given(adaAdded)
        .when(add('u-olu', 'olu@college.example', ['operations-manager', 'staff', 'staff']))
        .then([added('u-olu', 'olu@college.example', 'staff', 'operations-manager')]));

    it('is for administrators only once someone is in the directory', () =>
      spec
        .given(adaAdded, samAdded)
        .when(add('u-olu', 'olu@college.example', ['staff'], staff))
        .thenRefuses('not-an-administrator', 'forbidden'));

    it('refuses an e-mail address someone already has, whatever its letter case', () =>
      spec
        .given(adaAdded, samAdded)
        .when(add('u-sam2', 'SAM@College.Example', ['staff']))
        .thenRefuses('email-in-use', 'conflict'));

    it('refuses an e-mail address that is not one', () => {
      for (const email of [
        'sam',
        'sam@',
        '@college.example',
        'sam@college',
        'sa m@college.example',
      ])
        spec
          .given(adaAdded)
          .when(add('u-sam', email, ['staff']))
          .thenRefuses('email-malformed', 'invalid');
    });

    it('refuses a person without a role, or with a role there is not', () => {
      spec
        .given(adaAdded)
        .when(add('u-sam', 'sam@college.example', []))
        .thenRefuses('no-role', 'invalid');
      spec
        .given(adaAdded)
        .when(add('u-sam', 'sam@college.example', ['wizard']))
        .thenRefuses('unknown-role', 'invalid');
    });

    it('refuses an id already in the directory', () =>
      spec
        .given(adaAdded, samAdded)
        .when(add('u-sam', 'other@college.example', ['staff']))
        .thenRefuses('person-exists', 'conflict'));
  });

  describe('changing roles', () => {
    const change = (personId: string, roles: Role[]): StaffDirectoryCommand => ({
      type: 'ChangeRoles',
      actor: ada,
      data: { personId, roles },
    });

    it('records the roles before and after', () =>
      spec
        .given(adaAdded, samAdded)
        .when(change('u-sam', ['operations-manager', 'staff']))
        .then([
          {
            type: 'PersonRolesChanged',
            occurredAt: at,
            data: { personId: 'u-sam', from: ['staff'], to: ['staff', 'operations-manager'] },
          },
        ]));

    it('records nothing when the roles are the same', () =>
      spec
        .given(adaAdded, samAdded)
        .when(change('u-sam', ['staff']))
        .thenNothing());

    it('never takes the administrator role from the last active administrator', () =>
      spec
        .given(adaAdded, samAdded)
        .when(change('u-ada', ['staff']))
        .thenRefuses('last-administrator', 'rule'));

    it('refuses someone not in the directory', () =>
      spec
        .given(adaAdded)
        .when(change('u-nobody', ['staff']))
        .thenRefuses('person-not-found', 'not-found'));

    it('is for administrators only', () =>
      spec
        .given(adaAdded, samAdded)
        .when({ type: 'ChangeRoles', actor: staff, data: { personId: 'u-sam', roles: ['admin'] } })
        .thenRefuses('not-an-administrator', 'forbidden'));
  });

  describe('deactivating and reactivating', () => {
    const deactivate = (personId: string, actor = ada): StaffDirectoryCommand => ({
      type: 'DeactivatePerson',
      actor,
      data: { personId },
    });
    const deactivated: StaffDirectoryEvent = {
      type: 'PersonDeactivated',
      occurredAt: at,
      data: { personId: 'u-sam' },
    };

    it('deactivates a person once; doing it again records nothing', () => {
      spec.given(adaAdded, samAdded).when(deactivate('u-sam')).then([deactivated]);
      spec.given(adaAdded, samAdded, deactivated).when(deactivate('u-sam')).thenNothing();
    });

    it('does not let an administrator deactivate themselves', () =>
      spec
        .given(adaAdded, added('u-bo', 'bo@college.example', 'admin'))
        .when(deactivate('u-ada'))
        .thenRefuses('cannot-deactivate-yourself', 'rule'));

    it('deactivates an administrator while another administrator remains', () =>
      spec
        .given(adaAdded, added('u-bo', 'bo@college.example', 'admin'))
        .when(deactivate('u-ada', administrator('u-bo')))
        .then([{ type: 'PersonDeactivated', occurredAt: at, data: { personId: 'u-ada' } }]));

    it('refuses to deactivate the last active administrator (by another administrator’s token)', () =>
      spec
        .given(adaAdded, samAdded)
        .when(deactivate('u-ada', administrator('u-outsider')))
        .thenRefuses('last-administrator', 'rule'));

    it('reactivates a deactivated person', () =>
      spec
        .given(adaAdded, samAdded, deactivated)
        .when({ type: 'ReactivatePerson', actor: ada, data: { personId: 'u-sam' } })
        .then([{ type: 'PersonReactivated', occurredAt: at, data: { personId: 'u-sam' } }]));
  });

  describe('names and e-mail addresses', () => {
    it('renames a person, saying from what', () =>
      spec
        .given(adaAdded, samAdded)
        .when({
          type: 'RenamePerson',
          actor: ada,
          data: { personId: 'u-sam', name: ' Sam Jones ' },
        })
        .then([
          {
            type: 'PersonRenamed',
            occurredAt: at,
            data: { personId: 'u-sam', from: 'Name of u-sam', to: 'Sam Jones' },
          },
        ]));

    it('changes an e-mail address only to one nobody else has', () => {
      spec
        .given(adaAdded, samAdded)
        .when({
          type: 'ChangeEmail',
          actor: ada,
          data: { personId: 'u-sam', email: 'ADA@college.example' },
        })
        .thenRefuses('email-in-use', 'conflict');
      spec
        .given(adaAdded, samAdded)
        .when({
          type: 'ChangeEmail',
          actor: ada,
          data: { personId: 'u-sam', email: 'SAM@college.example' },
        })
        .then([
          {
            type: 'PersonEmailChanged',
            occurredAt: at,
            data: { personId: 'u-sam', from: 'sam@college.example', to: 'SAM@college.example' },
          },
        ]);
    });
  });

  it('folds the events into everyone’s current name, e-mail, roles and whether they are active', () => {
    const state = foldStaffDirectory([
      adaAdded,
      samAdded,
      {
        type: 'PersonRolesChanged',
        occurredAt: at,
        data: { personId: 'u-sam', from: ['staff'], to: ['quality'] },
      },
      { type: 'PersonDeactivated', occurredAt: at, data: { personId: 'u-sam' } },
    ]);
    expect([...state.people.values()]).toEqual([
      {
        id: 'u-ada',
        name: 'Name of u-ada',
        email: 'ada@college.example',
        roles: ['admin'],
        active: true,
      },
      {
        id: 'u-sam',
        name: 'Name of u-sam',
        email: 'sam@college.example',
        roles: ['quality'],
        active: false,
      },
    ]);
  });
});
