import { bundledPolicy } from '../policy/bundled-policies';
import { createCaseDecider } from '../case/case.decider';
import type { CaseCommand } from '../case/case.commands';
import { DomainError } from '../case/case.errors';
import type { Actor } from '../case/case.model';
import { foldCase, type Case } from '../case/case.state';
import {
  cast,
  close,
  correspondence,
  escalate,
  receive,
  respond,
  system,
} from '../testing/case-fixtures';
import {
  authorise,
  canSeeCase,
  caseVisibility,
  mayAdminister,
  mayExportPersonalData,
  mayReadReports,
} from './case-access';

const { recipient, owner, otherStaff, ops, senior, quality, auditor, admin } = cast;

const decider = createCaseDecider(bundledPolicy('dmm'));
/** Stage 1 informal, stage 2 formal at receipt, stage 3 after the stage 2 response. */
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

const outcome = (command: CaseCommand, state: Case | null, policy = decider.policy) => {
  try {
    authorise(command, state, policy);
    return 'allowed';
  } catch (error) {
    return (error as DomainError).kind;
  }
};
const note = (actor: Actor): CaseCommand => ({ type: 'AddNote', actor, data: { text: 'n' } });
const acknowledge = (actor: Actor): CaseCommand => ({
  type: 'AcknowledgeCase',
  actor,
  data: {},
});
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

describe('who may see a case', () => {
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

describe('who may do what', () => {
  it('lets staff and managers record feedback, nobody else', () => {
    for (const actor of [recipient, ops, senior])
      expect(outcome(receive({}, actor), null)).toBe('allowed');
    for (const actor of [quality, auditor, admin, system('x')])
      expect(outcome(receive({}, actor), null)).toBe('forbidden');
  });

  it.each([
    ['recipient', 1, 'allowed', recipient],
    ['owner', 1, 'allowed', owner],
    ['other staff (not told the case exists)', 1, 'not-found', otherStaff],
    ['operations manager', 1, 'allowed', ops],
    ['quality (reads only)', 1, 'forbidden', quality],
    ['auditor', 1, 'forbidden', auditor],
    ['admin (no case content)', 1, 'not-found', admin],
    ['owner at stage 3', 3, 'forbidden', owner],
    ['operations manager at stage 3', 3, 'forbidden', ops],
    ['senior manager at stage 3', 3, 'allowed', senior],
  ] as const)('acting on a case: %s at stage %d → %s', (_, stage, expected, actor) =>
    expect(outcome(acknowledge(actor), caseAt(stage))).toBe(expected),
  );

  describe('who decides at each stage is the policy’s (DMM: stage 2 the operations manager, stage 3 senior managers)', () => {
    it.each([
      ['owner', 1, 'allowed', owner],
      ['owner', 2, 'forbidden', owner],
      ['operations manager', 2, 'allowed', ops],
      ['operations manager', 3, 'forbidden', ops],
      ['senior manager', 3, 'allowed', senior],
    ] as const)('%s at stage %d may respond and close → %s', (_, stage, expected, actor) => {
      expect(outcome(respond({}, actor), caseAt(stage))).toBe(expected);
      expect(outcome(close({ reason: 'resolved' }, actor), caseAt(stage))).toBe(expected);
    });

    it('lets staff record that a complaint came in writing and moved to stage 2, but not move it on from there', () => {
      expect(outcome(escalate({ inWriting: true }, owner), caseAt(1))).toBe('allowed');
      expect(outcome(escalate({}, owner), caseAt(2))).toBe('forbidden');
      expect(outcome(escalate({}, ops), caseAt(2))).toBe('allowed');
    });

    it('still lets the staff taking part add notes, correspondence and documents at any stage', () => {
      for (const stage of [1, 2, 3] as const)
        for (const actor of [recipient, owner]) {
          expect(outcome(note(actor), caseAt(stage))).toBe('allowed');
          expect(outcome(correspondence({}, actor), caseAt(stage))).toBe('allowed');
        }
      expect(outcome(note(otherStaff), caseAt(2))).toBe('not-found');
    });

    it('leaves the rest of the handling to the stage’s deciders', () => {
      expect(outcome(acknowledge(owner), caseAt(2))).toBe('forbidden');
      expect(outcome(acknowledge(ops), caseAt(2))).toBe('allowed');
      expect(outcome(note(ops), caseAt(3))).toBe('forbidden');
      expect(outcome(note(senior), caseAt(3))).toBe('allowed');
    });

    it('follows the policy: MaCTRI’s Owner (a lecturer) investigates and responds at stage 2', () => {
      const mactri = createCaseDecider(bundledPolicy('mactri'));
      const state = foldCase(
        mactri.decide(
          receive({ channel: 'letter', owner: { id: owner.id, name: 'O' } }, recipient),
          null,
          new Date('2026-11-23T09:00:00Z'),
        ),
      )!;
      expect(state.stage).toBe(2);
      expect(outcome(respond({}, owner), state, mactri.policy)).toBe('allowed');
    });
  });

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

describe('reports and administration', () => {
  it('gives reports to quality, managers and auditors; not to staff or admins', () => {
    expect([quality, ops, senior, auditor].every(mayReadReports)).toBe(true);
    expect([recipient, admin].some(mayReadReports)).toBe(false);
  });
  it('lets data protection export a person’s data from any case, and do nothing else with cases', () => {
    const dpo: Actor = { id: 'u-dpo', name: 'Dana', roles: ['data-protection'] };
    const exported = (actor: Actor): CaseCommand => ({
      type: 'RecordSubjectAccessExport',
      actor,
      data: { exportId: 'e', matchedOn: 'name' },
    });
    expect(mayExportPersonalData(dpo)).toBe(true);
    expect([recipient, ops, senior, quality, auditor, admin].some(mayExportPersonalData)).toBe(
      false,
    );
    // It reads a case (to decide on an erasure), and records nothing but its own acts.
    expect(canSeeCase(dpo, caseAt(1))).toBe(true);
    expect(outcome(exported(dpo), caseAt(3))).toBe('allowed');
    expect(outcome(note(dpo), caseAt(1))).toBe('forbidden');
    expect(outcome(exported(quality), caseAt(1))).toBe('forbidden');
    expect(outcome(exported(otherStaff), caseAt(1))).toBe('not-found');
    expect(outcome(exported(system('sla-sweep')), caseAt(1))).toBe('forbidden');
  });
  it('gives projections and jobs to admins only', () => {
    expect(mayAdminister(admin)).toBe(true);
    expect([recipient, ops, senior, quality, auditor].some(mayAdminister)).toBe(false);
  });
});

describe('data protection', () => {
  const dpo: Actor = { id: 'u-dpo', name: 'Dee', roles: ['data-protection'] };
  const erase = (actor: Actor): CaseCommand => ({
    type: 'EraseCase',
    actor,
    data: { reason: 'r' },
  });
  const hold = (actor: Actor): CaseCommand => ({
    type: 'PlaceLegalHold',
    actor,
    data: { reason: 'r' },
  });
  const lift = (actor: Actor): CaseCommand => ({
    type: 'LiftLegalHold',
    actor,
    data: { reason: 'r' },
  });

  it('lets the role see any case to decide, but gives it no queue of them all', () => {
    expect(canSeeCase(dpo, caseAt(2))).toBe(true);
    expect(caseVisibility(dpo)).toEqual({ scope: 'none' });
    expect(mayReadReports(dpo)).toBe(false);
  });

  it('lets only the role erase and place or lift a hold, and the role nothing else', () => {
    const found = caseAt(2);
    for (const command of [erase, hold, lift]) {
      expect(outcome(command(dpo), found)).toBe('allowed');
      for (const other of [ops, senior, quality, owner]) {
        expect(outcome(command(other), found)).toBe('forbidden');
      }
      expect(outcome(command(otherStaff), found)).toBe('not-found');
    }
    expect(outcome(note(dpo), found)).toBe('forbidden');
    expect(outcome(acknowledge(dpo), found)).toBe('forbidden');
  });

  it('lets the retention job, and no person, apply retention', () => {
    const retention: CaseCommand = { type: 'ApplyRetention', actor: system('retention'), data: {} };
    expect(outcome(retention, caseAt(1))).toBe('allowed');
    expect(outcome({ ...retention, actor: dpo }, caseAt(1))).toBe('forbidden');
  });
});
