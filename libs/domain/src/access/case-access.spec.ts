import { bundledPolicy } from '../policy/bundled-policies';
import { createCaseDecider } from '../case/case.decider';
import type { CaseCommand } from '../case/case.commands';
import { DomainError } from '../case/case.errors';
import type { Actor } from '../case/case.model';
import { foldCase, type Case } from '../case/case.state';
import { receive, respond, escalate, system } from '../testing/case-fixtures';
import {
  authorise,
  canSeeCase,
  caseVisibility,
  mayAdminister,
  mayReadReports,
} from './case-access';

const person = (id: string, ...roles: Actor['roles'][number][]): Actor => ({ id, name: id, roles });
const recipient = person('u-recipient', 'staff');
const owner = person('u-owner', 'staff');
const otherStaff = person('u-other', 'staff');
const ops = person('u-ops', 'operations-manager');
const senior = person('u-senior', 'senior-manager');
const quality = person('u-quality', 'quality');
const auditor = person('u-auditor', 'auditor');
const admin = person('u-admin', 'admin');

const decider = createCaseDecider(bundledPolicy('dmm'));
function caseAt(stage: 1 | 2 | 3): Case {
  const steps: Array<[CaseCommand, string]> = [
    [
      receive(
        { formality: stage === 1 ? 'informal' : 'formal', owner: { id: owner.id, name: 'O' } },
        recipient,
      ),
      '2026-11-23T09:00:00Z',
    ],
  ];
  if (stage === 3)
    steps.push(
      [respond({}, ops), '2026-11-24T09:00:00Z'],
      [escalate({}, ops), '2026-11-25T09:00:00Z'],
    );
  let state = null as ReturnType<typeof foldCase>;
  for (const [command, at] of steps)
    state = foldCase(decider.decide(command, state, new Date(at)), state);
  return state!;
}

const outcome = (command: CaseCommand, state: Case | null) => {
  try {
    authorise(command, state);
    return 'allowed';
  } catch (error) {
    return (error as DomainError).kind;
  }
};
const note = (actor: Actor): CaseCommand => ({ type: 'AddNote', actor, data: { text: 'n' } });
const assign = (actor: Actor): CaseCommand => ({
  type: 'AssignOwner',
  actor,
  data: { owner: { id: 'x', name: 'X' } },
});
const categories = (actor: Actor): CaseCommand => ({
  type: 'ChangeCategories',
  actor,
  data: { categories: ['a'] },
});
const reopen = (actor: Actor): CaseCommand => ({
  type: 'ReopenCase',
  actor,
  data: { reason: 'r' },
});

describe('who may see a case (DESIGN §6)', () => {
  const stage1 = caseAt(1);
  it.each([
    [recipient, true],
    [owner, true],
    [otherStaff, false],
    [ops, true],
    [senior, true],
    [quality, true],
    [auditor, true],
    [admin, false],
    [system('sla-sweep'), true],
  ])('%o sees it: %s', (actor, visible) => expect(canSeeCase(actor, stage1)).toBe(visible));

  it('gives queries a filter: all, the participant’s own, or none', () => {
    expect(caseVisibility(ops)).toEqual({ scope: 'all' });
    expect(caseVisibility(recipient)).toEqual({ scope: 'participant', personId: recipient.id });
    expect(caseVisibility(admin)).toEqual({ scope: 'none' });
  });
});

describe('who may do what (DESIGN §6)', () => {
  it('lets staff and managers record feedback, nobody else', () => {
    for (const actor of [recipient, ops, senior])
      expect(outcome(receive({}, actor), null)).toBe('allowed');
    for (const actor of [quality, auditor, admin, system('x')])
      expect(outcome(receive({}, actor), null)).toBe('forbidden');
  });

  it.each([
    ['recipient', recipient, 1, 'allowed'],
    ['owner', owner, 1, 'allowed'],
    ['other staff (not told the case exists)', otherStaff, 1, 'not-found'],
    ['operations manager', ops, 1, 'allowed'],
    ['quality (reads only)', quality, 1, 'forbidden'],
    ['auditor', auditor, 1, 'forbidden'],
    ['admin (no case content)', admin, 1, 'not-found'],
    ['owner at stage 3', owner, 3, 'forbidden'],
    ['operations manager at stage 3', ops, 3, 'forbidden'],
    ['senior manager at stage 3', senior, 3, 'allowed'],
  ] as const)('acting on a case: %s at stage %d → %s', (_, actor, stage, expected) =>
    expect(outcome(note(actor), caseAt(stage))).toBe(expected),
  );

  it('lets only managers assign and reopen', () => {
    const stage1 = caseAt(1);
    expect(outcome(assign(ops), stage1)).toBe('allowed');
    expect(outcome(reopen(senior), stage1)).toBe('allowed');
    expect(outcome(assign(owner), stage1)).toBe('forbidden');
    expect(outcome(reopen(recipient), stage1)).toBe('forbidden');
    expect(outcome(assign(ops), caseAt(3))).toBe('forbidden');
  });

  it('lets quality change categories at any stage', () => {
    expect(outcome(categories(quality), caseAt(3))).toBe('allowed');
    expect(outcome(categories(auditor), caseAt(1))).toBe('forbidden');
  });

  it('keeps the scheduler’s commands for the scheduler, and people’s for people', () => {
    const sweep: CaseCommand = { type: 'RecordMissedDeadlines', actor: ops, data: {} };
    expect(outcome(sweep, caseAt(1))).toBe('forbidden');
    expect(outcome({ ...sweep, actor: system('sla-sweep') }, caseAt(1))).toBe('allowed');
    expect(outcome(note(system('sla-sweep')), caseAt(1))).toBe('forbidden');
  });
});

describe('reports and administration (DESIGN §6)', () => {
  it('gives reports to quality, managers and auditors; not to staff or admins', () => {
    expect([quality, ops, senior, auditor].every(mayReadReports)).toBe(true);
    expect([recipient, admin].some(mayReadReports)).toBe(false);
  });
  it('gives projections and jobs to admins only', () => {
    expect(mayAdminister(admin)).toBe(true);
    expect([recipient, ops, senior, quality, auditor].some(mayAdminister)).toBe(false);
  });
});
