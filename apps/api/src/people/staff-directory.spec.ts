import { bundledPolicy, STAFF_DIRECTORY_STREAM, type Role } from '#domain';
import { StaffDirectory } from './staff-directory';
import { ADMIN, context, peopleFixture } from './testing/people-fixture';

describe('StaffDirectory', () => {
  it('adds the first administrator, then people, each found by id and by e-mail in any case', async () => {
    const { directory, storage, close } = peopleFixture();
    expect(await directory.isEmpty()).toBe(true);
    await directory.execute(
      {
        type: 'AddPerson',
        actor: ADMIN,
        data: {
          personId: 'u-ada',
          name: 'Ada Admin',
          email: 'ada@college.example',
          roles: ['admin'],
        },
      },
      context,
    );
    await directory.execute(
      {
        type: 'AddPerson',
        actor: ADMIN,
        data: { personId: 'u-sam', name: 'Sam', email: 'Sam@College.example', roles: ['staff'] },
      },
      context,
    );
    expect(await directory.isEmpty()).toBe(false);
    expect(await directory.findByEmail('SAM@college.EXAMPLE')).toEqual({
      id: 'u-sam',
      name: 'Sam',
      email: 'Sam@College.example',
      roles: ['staff'],
      active: true,
    });
    expect((await directory.list()).map((p) => p.id)).toEqual(['u-ada', 'u-sam']);
    const [, added] = await storage.events.readStream(STAFF_DIRECTORY_STREAM);
    expect(added.metadata.actor).toEqual({ id: 'u-ada', name: 'Ada Admin', roles: ['admin'] });
    await close();
  });

  it('sees at once what another writer appended to the stream (embedded)', async () => {
    const { directory, storage, clock, close } = peopleFixture();
    expect(await directory.isEmpty()).toBe(true);
    const other = new StaffDirectory(storage, clock, { policy: bundledPolicy('dmm') });
    await other.execute(
      {
        type: 'AddPerson',
        actor: ADMIN,
        data: { personId: 'u-ada', name: 'Ada', email: 'ada@college.example', roles: ['admin'] },
      },
      context,
    );
    expect(await directory.findById('u-ada')).toMatchObject({ active: true });
    await close();
  });

  it('gives the history of one person’s roles and access, oldest first, with who changed them', async () => {
    const { directory, setNow, close } = peopleFixture();
    const add = (personId: string, name: string, roles: Role[]) =>
      directory.execute(
        {
          type: 'AddPerson',
          actor: ADMIN,
          data: { personId, name, email: `${personId}@college.example`, roles },
        },
        context,
      );
    await add('u-ada', 'Ada Admin', ['admin']);
    await add('u-sam', 'Sam', ['staff']);
    const ada = { id: 'u-ada', name: 'Ada Admin', roles: ['admin'] as Role[] };
    setNow('2026-12-08T14:30:00Z');
    await directory.execute(
      { type: 'ChangeRoles', actor: ada, data: { personId: 'u-sam', roles: ['quality'] } },
      context,
    );
    await directory.execute(
      { type: 'DeactivatePerson', actor: ada, data: { personId: 'u-sam' } },
      context,
    );
    const history = await directory.historyOf('u-sam');
    expect(history.map((h) => h.event.type)).toEqual([
      'PersonAdded',
      'PersonRolesChanged',
      'PersonDeactivated',
    ]);
    expect(history[1]).toMatchObject({
      event: { data: { personId: 'u-sam', from: ['staff'], to: ['quality'] } },
      by: { id: 'u-ada', name: 'Ada Admin' },
    });
    expect(history[1].recordedAt).toEqual(expect.any(String));
    expect(await directory.historyOf('u-nobody')).toEqual([]);
    await close();
  });
});
