import { bundledPolicy, calendarFor, type StaffMember } from '#domain';
import type { CaseSummary } from '#read-models';
import { digestsDue, handlingRoles, remindersDue, type NoticeSettings } from './staff-notices';

const policy = bundledPolicy('dmm');
const person = (id: string, ...roles: StaffMember['roles']): StaffMember => ({
  id,
  name: id,
  email: `${id}@dmm.example`,
  roles,
  active: true,
});
const sam = person('sam', 'staff');
const olive = person('olive', 'operations-manager');
const sue = person('sue', 'senior-manager');
const people = [sam, olive, sue];

// Monday 7 December 2026, 9am.
const settings = (now = '2026-12-07T09:00:00Z'): NoticeSettings => ({
  policy,
  calendar: calendarFor(policy),
  now: new Date(now),
  timeInWords: (iso) => `at ${iso}`,
  caseLink: (reference) => `https://clf.example/cases/${reference}`,
});

const aCase = (over: Partial<CaseSummary> = {}): CaseSummary =>
  ({
    id: 'c1',
    reference: 'DMM-2026-0001',
    kind: 'complaint',
    stage: 2,
    stageName: 'Formal investigation',
    status: 'open',
    owner: null,
    summary: 'The heating in room 4 has not worked for weeks',
    complainant: 'Pat Jones',
    nextDeadline: { kind: 'response', stage: 2, dueBy: '2026-12-20T23:59:59Z' },
    lastActivityAt: '2026-12-07T08:00:00Z',
    ...over,
  }) as CaseSummary;

const kindsAndWho = (notices: ReturnType<typeof remindersDue>) =>
  notices.map((n) => `${n.kind} → ${n.to.id}`);

describe('the notices staff are owed', () => {
  it('tells the owner a case is theirs, with its reference, stage and link but not its content', () => {
    const [notice] = remindersDue(
      [aCase({ owner: { id: 'sam', name: 'Sam' } })],
      people,
      settings(),
    );
    expect(notice).toMatchObject({ kind: 'assigned', id: 'assigned:c1:owner:sam', to: sam });
    expect(notice.text).toContain('DMM-2026-0001');
    expect(notice.text).toContain('stage 2 (Formal investigation)');
    expect(notice.text).toContain('https://clf.example/cases/DMM-2026-0001');
    expect(notice.text).not.toContain('heating');
    expect(notice.text).not.toContain('Pat Jones');
  });

  it('reminds the owner a working day before a deadline, and not sooner', () => {
    const owned = aCase({
      owner: { id: 'sam', name: 'Sam' },
      nextDeadline: { kind: 'response', stage: 2, dueBy: '2026-12-08T23:59:59Z' },
    });
    expect(kindsAndWho(remindersDue([owned], people, settings()))).toEqual([
      'assigned → sam',
      'deadline-reminder → sam',
    ]);
    expect(kindsAndWho(remindersDue([owned], people, settings('2026-12-04T09:00:00Z')))).toEqual([
      'assigned → sam',
    ]);
  });

  it('reminds the stage’s handling role of an unassigned case (not every member of staff)', () => {
    const unassigned = aCase({
      nextDeadline: { kind: 'response', stage: 2, dueBy: '2026-12-08T23:59:59Z' },
    });
    expect(handlingRoles(policy, 1)).toEqual(['operations-manager', 'senior-manager']);
    expect(kindsAndWho(remindersDue([unassigned], people, settings()))).toEqual([
      'deadline-reminder → olive',
      'deadline-reminder → sue',
    ]);
  });

  it('tells the owner and the handling role of a missed deadline; an extended one is a new deadline', () => {
    const missed = aCase({
      owner: { id: 'sam', name: 'Sam' },
      nextDeadline: { kind: 'response', stage: 2, dueBy: '2026-12-04T23:59:59Z' },
    });
    const notices = remindersDue([missed], people, settings()).filter(
      (n) => n.kind === 'deadline-missed',
    );
    expect(notices.map((n) => n.to.id)).toEqual(['sam', 'olive', 'sue']);
    expect(notices[0].id).toBe('deadline-missed:c1:response:2:2026-12-04T23:59:59Z:sam');
  });

  it('tells managers of a case with no activity for the policy’s working days', () => {
    const quiet = aCase({ lastActivityAt: '2026-11-20T09:00:00Z' });
    expect(kindsAndWho(remindersDue([quiet], people, settings()))).toEqual([
      'stalled → olive',
      'stalled → sue',
    ]);
    const never = {
      ...policy,
      notifications: { ...policy.notifications, stalledAfterWorkingDays: null },
    };
    expect(remindersDue([quiet], people, { ...settings(), policy: never })).toEqual([]);
  });

  it('gives each manager a digest of their overdue and due-soon cases, if they have any', () => {
    const cases = [
      aCase({
        id: 'c1',
        reference: 'DMM-1',
        nextDeadline: { kind: 'response', stage: 2, dueBy: '2026-12-04T23:59:59Z' },
      }),
      aCase({
        id: 'c2',
        reference: 'DMM-2',
        nextDeadline: { kind: 'response', stage: 2, dueBy: '2026-12-08T23:59:59Z' },
      }),
      aCase({ id: 'c3', reference: 'DMM-3', owner: { id: 'sue', name: 'Sue' }, stage: 3 }),
    ];
    const digests = digestsDue(cases, people, {
      ...settings(),
      dueSoonBy: new Date('2026-12-09T23:59:59Z'),
      today: '2026-12-07',
    });
    expect(digests.map((d) => [d.id, d.subject])).toEqual([
      ['digest:2026-12-07:olive', 'Your cases today: 1 overdue, 1 due soon'],
      ['digest:2026-12-07:sue', 'Your cases today: 1 overdue, 1 due soon'],
    ]);
    expect(digests[0].text).toMatch(
      /Overdue \(1\)\n\nCase: DMM-1[^]*Due soon \(1\)\n\nCase: DMM-2/,
    );
  });
});
