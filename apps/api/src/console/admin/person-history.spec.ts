import type { PersonChange } from '../../people/staff-directory';
import { changeInWords, personHistoryLines } from './person-history';

const ada = { id: 'u-ada', name: 'Ada Admin', roles: ['admin'] };

describe('a person’s history in words', () => {
  it('says what each change did, naming roles as people say them', () => {
    const personId = 'u-sam';
    const at = '2026-12-07T09:00:00.000Z';
    expect(
      changeInWords({
        type: 'PersonAdded',
        occurredAt: at,
        data: { personId, name: 'Sam', email: 's@c.example', roles: ['staff'] },
      }),
    ).toBe('Added, with the roles Staff or lecturer');
    expect(
      changeInWords({
        type: 'PersonRolesChanged',
        occurredAt: at,
        data: { personId, from: ['staff'], to: ['operations-manager', 'quality'] },
      }),
    ).toBe('Roles changed from Staff or lecturer to Operations manager, Quality');
    expect(
      changeInWords({
        type: 'PersonRolesChanged',
        occurredAt: at,
        data: { personId, from: ['auditor'], to: [] },
      }),
    ).toBe('Roles changed from Auditor to no roles');
    expect(changeInWords({ type: 'PersonDeactivated', occurredAt: at, data: { personId } })).toBe(
      'Deactivated: could no longer sign in',
    );
    expect(changeInWords({ type: 'PersonReactivated', occurredAt: at, data: { personId } })).toBe(
      'Reactivated',
    );
    expect(
      changeInWords({
        type: 'PersonRenamed',
        occurredAt: at,
        data: { personId, from: 'Sam', to: 'Sam Tutor' },
      }),
    ).toBe('Renamed from “Sam” to “Sam Tutor”');
    expect(
      changeInWords({
        type: 'PersonEmailChanged',
        occurredAt: at,
        data: { personId, from: 'a@c.example', to: 'b@c.example' },
      }),
    ).toBe('Email address changed from a@c.example to b@c.example');
  });

  it('lists the changes newest first, with when and by whom (their id if no name was kept)', () => {
    const changes: PersonChange[] = [
      {
        event: {
          type: 'PersonDeactivated',
          occurredAt: '2026-12-07T09:00:00.000Z',
          data: { personId: 'u-sam' },
        },
        recordedAt: '2026-12-07T09:00:00.010Z',
        by: ada,
      },
      {
        event: {
          type: 'PersonReactivated',
          occurredAt: '2026-12-08T16:05:00.000Z',
          data: { personId: 'u-sam' },
        },
        recordedAt: '2026-12-08T16:05:00.010Z',
        by: { id: 'u-bo' },
      },
    ];
    expect(personHistoryLines(changes)).toEqual([
      { at: '2026-12-08T16:05:00.000Z', by: 'u-bo', what: 'Reactivated' },
      {
        at: '2026-12-07T09:00:00.000Z',
        by: 'Ada Admin',
        what: 'Deactivated: could no longer sign in',
      },
    ]);
  });
});
