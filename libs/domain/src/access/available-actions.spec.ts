import fc from 'fast-check';
import { bundledPolicy } from '../policy/bundled-policies';
import type { Policy } from '../policy/policy';
import type { CaseCommand } from '../case/case.commands';
import { createCaseDecider } from '../case/case.decider';
import { DomainError } from '../case/case.errors';
import type { CaseEvent } from '../case/case.events';
import {
  ADDRESSEES,
  CLOSE_REASONS,
  DEADLINE_KINDS,
  OUTCOMES,
  ROLES,
  type Actor,
} from '../case/case.model';
import { foldCase, type Case } from '../case/case.state';
import { scheduledJobOf } from '../case/scheduled-work';
import {
  acknowledge,
  cast,
  close,
  correspondence,
  escalate,
  extend,
  receive,
  reopen,
  person,
  respond,
  erase,
  liftHold,
  placeHold,
} from '../testing/case-fixtures';
import { caseSpecification } from '../testing/case-specification';
import { authorise } from './case-access';
import {
  availableActions,
  type AvailableAction,
  type AvailableActionType,
} from './available-actions';

const { recipient, owner, otherStaff, ops, senior, quality, auditor } = cast;

const dmm = bundledPolicy('dmm');
const mactri = bundledPolicy('mactri');
/** DMM with the Housing Ombudsman's switch on: a stage is handled by someone new. */
const dmmSomeoneElse: Policy = {
  ...dmm,
  rules: { ...dmm.rules, nextStageHandledBySomeoneElse: true },
};

const POLICIES = { dmm, mactri, 'dmm, each stage handled by someone new': dmmSomeoneElse };

const RECEIVED = '2026-11-23T09:00:00Z'; // Mon 23 Nov 2026
const ownedBy = { owner: { id: owner.id, name: owner.id } };
const types = (actions: AvailableAction[]) => actions.map((a) => a.type);
const find = <Type extends AvailableActionType>(actions: AvailableAction[], type: Type) =>
  actions.find((a): a is Extract<AvailableAction, { type: Type }> => a.type === type);

describe('the actions offered on a case', () => {
  const spec = caseSpecification(dmm);
  const stage1 = () =>
    spec.after([receive({ formality: 'informal', ...ownedBy }, recipient), RECEIVED]).state();
  const sameDay = new Date('2026-11-23T10:00:00Z');

  it('offers the staff recipient at stage 1 what the stage lets them do, but not assigning or reopening', () => {
    const offered = availableActions(stage1(), recipient, dmm, sameDay);
    expect(types(offered)).toEqual([
      'AcknowledgeCase',
      'EscalateCase',
      'RespondToCase',
      'ExtendDeadline',
      'RecordCorrespondence',
      'AddNote',
      'AttachDocument',
      'GiveConfidentialityNotice',
      'RecordExternalReferral',
      'ChangeCategories',
      'CloseCase',
    ]);
    expect(find(offered, 'EscalateCase')).toEqual({
      type: 'EscalateCase',
      toStage: 2,
      stageName: 'Formal written complaint',
      requiresWriting: true,
      windowEndsAt: null,
      overrideOnly: false,
      mayOverride: false,
    });
    expect(find(offered, 'RespondToCase')).toEqual({
      type: 'RespondToCase',
      outcomes: ['upheld', 'partially-upheld', 'not-upheld', 'resolved'],
      addressees: ['complainant'],
    });
    expect(find(offered, 'CloseCase')?.reasons).toEqual([
      'resolved',
      'resolved-at-first-contact',
      'withdrawn',
      'redirected-to-appeals',
    ]);
  });

  it('no longer offers resolved-at-first-contact the next day, nor acknowledging once acknowledged', () => {
    const acknowledged = spec
      .after(
        [receive({ formality: 'informal' }, recipient), RECEIVED],
        [acknowledge({}, recipient), '2026-11-23T09:30:00Z'],
      )
      .state();
    const offered = availableActions(
      acknowledged,
      recipient,
      dmm,
      new Date('2026-11-24T10:00:00Z'),
    );
    expect(types(offered)).not.toContain('AcknowledgeCase');
    expect(find(offered, 'CloseCase')?.reasons).toEqual([
      'resolved',
      'withdrawn',
      'redirected-to-appeals',
    ]);
  });

  describe('extending the stage 2 response deadline', () => {
    const formal = () => [receive({ formality: 'formal', channel: 'email' }), RECEIVED] as const;
    const later = new Date('2026-11-30T10:00:00Z');

    it('offers the policy’s allowance to an operations manager, without an override', () => {
      const offered = availableActions(spec.after(formal()).state(), ops, dmm, later);
      expect(find(offered, 'ExtendDeadline')).toEqual({
        type: 'ExtendDeadline',
        deadlines: [
          {
            deadline: 'response',
            stage: 2,
            dueDate: '2026-12-07',
            originalDueDate: '2026-12-07',
            missed: false,
            allowanceLeft: 10,
            overrideOnly: false,
            mayOverride: false,
          },
        ],
      });
    });

    it('offers a reopened case’s stage 2 response deadline once, the one an extension would move', () => {
      // Closed after its response deadline passed unmet, then reopened: two open response deadlines at stage 2.
      const reopened = spec
        .after(
          formal(),
          [acknowledge({}, ops), '2026-11-24T10:00:00Z'],
          [close({ reason: 'resolved' }, ops), '2026-12-09T10:00:00Z'],
          [reopen('Came back', senior), '2026-12-09T10:00:00Z'],
        )
        .state();
      const offered = find(
        availableActions(reopened, ops, dmm, new Date('2026-12-10T10:00:00Z')),
        'ExtendDeadline',
      );
      expect(
        offered?.type === 'ExtendDeadline' &&
          offered.deadlines.map((d) => `${d.deadline} ${d.stage}`),
      ).toEqual(['response 2']);
    });

    it('offers it to a senior manager as an override only once the allowance is used', () => {
      const used = spec
        .after(formal(), [extend({ addWorkingDays: 10 }), '2026-11-27T10:00:00Z'])
        .state();
      expect(find(availableActions(used, senior, dmm, later), 'ExtendDeadline')).toMatchObject({
        deadlines: [
          { dueDate: '2026-12-21', allowanceLeft: 0, overrideOnly: true, mayOverride: true },
        ],
      });
      expect(types(availableActions(used, ops, dmm, later))).not.toContain('ExtendDeadline');
    });

    it('is not offered to staff, who may not respond at stage 2', () => {
      const state = spec.after(formal()).state();
      expect(types(availableActions(state, recipient, dmm, later))).not.toContain('ExtendDeadline');
    });
  });

  it('offers an operations manager assigning as well', () => {
    expect(types(availableActions(stage1(), ops, dmm, sameDay))).toContain('AssignOwner');
  });

  it('offers nothing to an auditor, nor to staff who do not take part', () => {
    expect(availableActions(stage1(), auditor, dmm, sameDay)).toEqual([]);
    expect(availableActions(stage1(), otherStaff, dmm, sameDay)).toEqual([]);
  });

  it('offers quality only the categories', () => {
    expect(types(availableActions(stage1(), quality, dmm, sameDay))).toEqual(['ChangeCategories']);
  });

  describe('a closed case', () => {
    const closed = () =>
      spec
        .after(
          [receive({ formality: 'informal', ...ownedBy }, recipient), RECEIVED],
          [close({ reason: 'withdrawn' }, recipient), '2026-11-23T11:00:00Z'],
        )
        .state();

    it('offers reopening to managers only; the staff taking part may still annotate it', () => {
      const later = new Date('2026-11-25T10:00:00Z');
      expect(types(availableActions(closed(), ops, dmm, later))).toEqual([
        'AddNote',
        'AttachDocument',
        'ChangeCategories',
        'ReopenCase',
      ]);
      expect(types(availableActions(closed(), owner, dmm, later))).toEqual([
        'AddNote',
        'AttachDocument',
        'ChangeCategories',
      ]);
    });
  });

  describe('after the window to ask for stage 3 (stage 2 answered Tue 24 Nov: it ends with Thu 24 Dec)', () => {
    const answered = () =>
      spec
        .after(
          [receive({ formality: 'formal' }, recipient), RECEIVED],
          [respond({}, ops), '2026-11-24T10:00:00Z'],
        )
        .state();
    const after = new Date('2027-01-05T10:00:00Z');

    it('offers the escalation inside the window without an override', () => {
      const within = availableActions(answered(), ops, dmm, new Date('2026-12-01T10:00:00Z'));
      expect(find(within, 'EscalateCase')).toMatchObject({
        toStage: 3,
        stageName: 'Senior Management review',
        windowEndsAt: '2026-12-24T23:59:59.999Z',
        overrideOnly: false,
        mayOverride: false,
      });
    });

    it('offers it to a senior manager as an override only', () => {
      expect(find(availableActions(answered(), senior, dmm, after), 'EscalateCase')).toEqual({
        type: 'EscalateCase',
        toStage: 3,
        stageName: 'Senior Management review',
        requiresWriting: false,
        windowEndsAt: '2026-12-24T23:59:59.999Z',
        overrideOnly: true,
        mayOverride: true,
      });
    });

    it('takes the case as closed by the month of silence: the operations manager may reopen it, not escalate it', () => {
      const offered = types(availableActions(answered(), ops, dmm, after));
      expect(offered).not.toContain('EscalateCase');
      expect(offered).toContain('ReopenCase');
    });
  });

  it('offers the representative as an addressee once the authorisation is recorded', () => {
    const represented = { representative: { name: 'Pat Parent', relationship: 'parent' } };
    const history = spec.after([
      receive({ formality: 'informal', ...represented }, recipient),
      RECEIVED,
    ]);
    const before = availableActions(history.state(), recipient, dmm, sameDay);
    expect(types(before)).toContain('RecordRepresentativeAuthorisation');
    expect(find(before, 'RespondToCase')?.addressees).toEqual(['complainant']);

    const authorised = foldCase(
      spec.decider.decide(
        { type: 'RecordRepresentativeAuthorisation', actor: recipient, data: {} },
        history.state(),
        sameDay,
      ),
      history.state(),
    ) as Case;
    const after = availableActions(authorised, recipient, dmm, sameDay);
    expect(types(after)).not.toContain('RecordRepresentativeAuthorisation');
    expect(find(after, 'RespondToCase')?.addressees).toEqual(['complainant', 'representative']);
  });

  it('offers the guardian notification or its waiver while the decision is pending for an under-18', () => {
    const young = { complainant: { name: 'Ada', role: 'learner' as const, under18: true } };
    const state = spec
      .after([receive({ formality: 'informal', ...young }, recipient), RECEIVED])
      .state();
    const offered = types(availableActions(state, recipient, dmm, sameDay));
    expect(offered).toEqual(
      expect.arrayContaining(['RecordGuardianNotification', 'WaiveGuardianNotification']),
    );
    expect(types(availableActions(stage1(), recipient, dmm, sameDay))).not.toContain(
      'RecordGuardianNotification',
    );
  });

  it('takes the case as the jobs would have left it: a MaCTRI complaint unresolved on its day is at stage 2', () => {
    const state = caseSpecification(mactri)
      .after([receive({ formality: 'informal', ...ownedBy }, recipient), RECEIVED])
      .state();
    const nextDay = new Date('2026-11-24T10:00:00Z');
    // Stage 3 is asked for after stage 2's response; before it, only a senior manager's override moves it.
    expect(types(availableActions(state, owner, mactri, nextDay))).not.toContain('EscalateCase');
    expect(find(availableActions(state, senior, mactri, nextDay), 'EscalateCase')).toMatchObject({
      toStage: 3,
      stageName: 'Appeal to the Director of Training',
      overrideOnly: true,
    });
  });

  it('does not offer the response at stage 3 to whoever gave stage 2’s, under the policy’s switch', () => {
    const other = person('u-senior-2', 'senior-manager');
    const state = caseSpecification(dmmSomeoneElse)
      .after(
        [receive({ formality: 'formal' }, recipient), RECEIVED],
        [respond({}, senior), '2026-11-24T10:00:00Z'],
        [escalate({}, senior), '2026-11-25T10:00:00Z'],
      )
      .state();
    const now = new Date('2026-11-25T11:00:00Z');
    expect(types(availableActions(state, senior, dmmSomeoneElse, now))).not.toContain(
      'RespondToCase',
    );
    expect(types(availableActions(state, other, dmmSomeoneElse, now))).toContain('RespondToCase');
  });
});

/*
 * The property: whatever the roles, policy, stage, history and time, what is offered is
 * what the decider accepts. Each action is tried with this test's own representative
 * commands, labelled by the choice they make; the labels accepted must be exactly those
 * the offered entry lists (none when it is not offered).
 */
describe('agreement with the decider', () => {
  const OVERRIDE = { reason: 'Longer investigation' };
  const HOUR = 3_600_000;
  const DAY = 24 * HOUR;

  function variants(actor: Actor): Record<AvailableActionType, Array<[string, CaseCommand]>> {
    const one = (command: CaseCommand): Array<[string, CaseCommand]> => [['default', command]];
    return {
      AcknowledgeCase: one(acknowledge({}, actor)),
      AssignOwner: one({
        type: 'AssignOwner',
        actor,
        data: { owner: { id: 'u-new', name: 'New' } },
      }),
      EscalateCase: [
        ['plain', escalate({ inWriting: true }, actor)],
        ['override', escalate({ inWriting: true, override: { reason: 'Late' } }, actor)],
      ],
      RespondToCase: OUTCOMES.flatMap((outcome) =>
        ADDRESSEES.map((addressedTo): [string, CaseCommand] => [
          `${outcome} to ${addressedTo}`,
          respond({ outcome, addressedTo }, actor),
        ]),
      ),
      // Every stage: the jobs may have moved the case on by now (MaCTRI's same-day escalation).
      ExtendDeadline: [1, 2, 3].flatMap((stage) =>
        DEADLINE_KINDS.flatMap((deadline): Array<[string, CaseCommand]> => {
          const data = { deadline, stage, addWorkingDays: 1 };
          return [
            [`${deadline} ${stage} plain`, extend(data, actor)],
            [`${deadline} ${stage} override`, extend({ ...data, override: OVERRIDE }, actor)],
          ];
        }),
      ),
      RecordCorrespondence: one(correspondence({}, actor)),
      AddNote: one({ type: 'AddNote', actor, data: { text: 'Called' } }),
      AttachDocument: one({
        type: 'AttachDocument',
        actor,
        data: {
          documentId: 'd-1',
          filename: 'a.pdf',
          mediaType: 'application/pdf',
          size: 9,
          sha256: 'f'.repeat(64),
        },
      }),
      RecordRepresentativeAuthorisation: one({
        type: 'RecordRepresentativeAuthorisation',
        actor,
        data: {},
      }),
      RecordGuardianNotification: one({
        type: 'RecordGuardianNotification',
        actor,
        data: { guardianName: 'Gus', method: 'letter' },
      }),
      WaiveGuardianNotification: one({
        type: 'WaiveGuardianNotification',
        actor,
        data: { reason: 'Estranged' },
      }),
      GiveConfidentialityNotice: ADDRESSEES.map((toldTo): [string, CaseCommand] => [
        toldTo,
        { type: 'GiveConfidentialityNotice', actor, data: { explanation: 'Told', toldTo } },
      ]),
      RecordExternalReferral: one({
        type: 'RecordExternalReferral',
        actor,
        data: { body: 'ESFA' },
      }),
      ChangeCategories: one({
        type: 'ChangeCategories',
        actor,
        data: { categories: ['Teaching'] },
      }),
      CloseCase: CLOSE_REASONS.map((reason): [string, CaseCommand] => [
        reason,
        close({ reason, appealsBody: 'City & Guilds' }, actor),
      ]),
      ReopenCase: one(reopen('Came back', actor)),
      EraseCase: one(erase('Asked for', actor)),
      PlaceLegalHold: one(placeHold('Claim', actor)),
      LiftLegalHold: one(liftHold('Settled', actor)),
    };
  }

  /** Accepted but recording nothing once done (a second hold, erasing an erased case): not offered. */
  const NOTHING_WHEN_DONE: ReadonlySet<AvailableActionType> = new Set([
    'EraseCase',
    'PlaceLegalHold',
    'LiftLegalHold',
  ]);

  /** The labels an offered entry says are accepted. */
  function labelsOf(action: AvailableAction | undefined): string[] {
    if (action === undefined) return [];
    switch (action.type) {
      case 'EscalateCase':
        return [
          ...(action.overrideOnly ? [] : ['plain']),
          ...(action.mayOverride ? ['override'] : []),
        ];
      case 'RespondToCase':
        return action.outcomes.flatMap((o) => action.addressees.map((a) => `${o} to ${a}`));
      case 'GiveConfidentialityNotice':
        return action.addressees;
      case 'CloseCase':
        return action.reasons;
      case 'ExtendDeadline':
        return action.deadlines.flatMap((d) => [
          ...(d.overrideOnly ? [] : [`${d.deadline} ${d.stage} plain`]),
          ...(d.mayOverride ? [`${d.deadline} ${d.stage} override`] : []),
        ]);
      default:
        return ['default'];
    }
  }

  /** What people do to a case, by whom, and how long after the last thing. */
  const step = fc.tuple(
    fc.constantFrom(
      (a: Actor) => acknowledge({}, a),
      (a: Actor) => respond({}, a),
      (a: Actor) => escalate({ inWriting: true }, a),
      (a: Actor) => escalate({ inWriting: true, override: { reason: 'Late' } }, a),
      (a: Actor) => correspondence({}, a),
      (a: Actor) => extend({ addWorkingDays: 8 }, a),
      (a: Actor) => extend({ deadline: 'acknowledgement', stage: 1, addWorkingDays: 3 }, a),
      (a: Actor) => close({ reason: 'resolved' }, a),
      (a: Actor) => reopen('Came back', a),
      (a: Actor): CaseCommand => ({
        type: 'RecordExternalReferral',
        actor: a,
        data: { body: 'ESFA' },
      }),
      (a: Actor): CaseCommand => ({
        type: 'RecordRepresentativeAuthorisation',
        actor: a,
        data: {},
      }),
      (a: Actor): CaseCommand => ({
        type: 'WaiveGuardianNotification',
        actor: a,
        data: { reason: 'r' },
      }),
      () => placeHold(),
      () => liftHold(),
      () => erase(),
    ),
    fc.constantFrom(recipient, owner, ops, senior),
    fc.integer({ min: 0, max: 20 * DAY }),
  );

  const scenario = fc.record({
    policyName: fc.constantFrom(...(Object.keys(POLICIES) as Array<keyof typeof POLICIES>)),
    receivedAt: fc.integer({
      min: Date.parse('2026-01-05T08:00:00Z'),
      max: Date.parse('2026-12-20T00:00:00Z'),
    }),
    kind: fc.constantFrom('complaint' as const, 'compliment' as const, 'suggestion' as const),
    formality: fc.constantFrom('informal' as const, 'formal' as const),
    channel: fc.constantFrom('phone' as const, 'letter' as const),
    represented: fc.boolean(),
    under18: fc.boolean(),
    owned: fc.boolean(),
    steps: fc.array(step, { maxLength: 6 }),
    actorId: fc.constantFrom(recipient.id, owner.id, 'u-stranger', senior.id),
    roles: fc.subarray([...ROLES]),
    nowAfter: fc.integer({ min: 0, max: 45 * DAY }),
  });

  type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

  /** The case the scenario's history leaves, or null where its receipt is refused. */
  function caseFrom(s: Scenario): { state: Case; at: number } | null {
    const decider = createCaseDecider(POLICIES[s.policyName]);
    const received = receive(
      {
        kind: s.kind,
        channel: s.channel,
        receivedAt: new Date(s.receivedAt).toISOString(),
        ...(s.kind === 'complaint' ? { formality: s.formality } : {}),
        ...(s.represented ? { representative: { name: 'Pat', relationship: 'parent' } } : {}),
        complainant: { name: 'Ada', role: 'learner', under18: s.under18 },
        ...(s.owned ? ownedBy : {}),
      },
      recipient,
    );
    const decide = (command: CaseCommand, events: CaseEvent[], at: number) => {
      try {
        return [...events, ...decider.decide(command, foldCase(events), new Date(at))];
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        return events;
      }
    };
    let events = decide(received, [], s.receivedAt);
    if (events.length === 0) return null;
    let at = s.receivedAt;
    for (const [command, actor, after] of s.steps) {
      at += after;
      events = decide(command(actor), events, at);
    }
    return { state: foldCase(events) as Case, at };
  }

  it('offers exactly the actions, and the choices within them, that authorise and decide accept', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const found = caseFrom(s);
        fc.pre(found !== null);
        const { state, at } = found;
        const policy = POLICIES[s.policyName];
        const actor: Actor = { id: s.actorId, name: s.actorId, roles: s.roles };
        const now = new Date(at + s.nowAfter);
        const decider = createCaseDecider(policy);
        const accepted = (command: CaseCommand) => {
          try {
            authorise(command, state, policy);
            return decider.decide(command, state, now);
          } catch (error) {
            if (error instanceof DomainError) return null;
            throw error;
          }
        };
        const offered = availableActions(state, actor, policy, now);
        for (const [type, tries] of Object.entries(variants(actor)) as Array<
          [AvailableActionType, Array<[string, CaseCommand]>]
        >) {
          const action = find(offered, type);
          const acceptedLabels = tries
            .filter(([, command]) => {
              const events = accepted(command);
              if (events === null) return false;
              // What the jobs had due is recorded first: not the action's own doing.
              return !NOTHING_WHEN_DONE.has(type) || events.some((e) => scheduledJobOf(e) === null);
            })
            .map(([label]) => label);
          expect({ type, accepted: acceptedLabels }).toEqual({ type, accepted: labelsOf(action) });
          if (action?.type === 'EscalateCase') {
            const [, command] = tries.find(
              ([label]) => label === (action.overrideOnly ? 'override' : 'plain'),
            )!;
            expect(accepted(command)?.at(-1)?.data).toMatchObject({
              toStage: action.toStage,
              stageName: action.stageName,
            });
          }
        }
      }),
      { numRuns: 250 },
    );
  });
});
