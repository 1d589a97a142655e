import { bundledPolicy } from '../../policy/bundled-policies';
import type { Policy } from '../../policy/policy';
import {
  close,
  escalate,
  extend,
  receive,
  respond,
  seniorManager,
  staff,
  sweep,
} from '../../testing/case-fixtures';
import { caseSpecification } from '../../testing/case-specification';

const dmmPolicy = bundledPolicy('dmm');
const dmm = caseSpecification(dmmPolicy);

/** A formal complaint at DMM stage 2, its response due 10 working days after receipt. */
const formalAt = (receivedAt: string) =>
  dmm.after([receive({ formality: 'formal', channel: 'email', receivedAt }), receivedAt]);

/** Received Mon 7 Dec 2026: the response is due Mon 21 Dec, just before Christmas. */
const RECEIVED_7_DECEMBER = [
  receive({ formality: 'formal', channel: 'email', receivedAt: '2026-12-07T09:00:00Z' }),
  '2026-12-07T09:00:00Z',
] as const;
const beforeChristmas = () => dmm.after(RECEIVED_7_DECEMBER);
/** Extended once already, on Tue 15 Dec, by so many working days. */
const extendedBy = (days: number) =>
  dmm.after(RECEIVED_7_DECEMBER, [extend({ addWorkingDays: days }), '2026-12-15T11:00:00Z']);

describe('extending a deadline, DMM', () => {
  it('counts added working days past Christmas, Boxing Day’s substitute and the weekend', () => {
    beforeChristmas()
      .when(
        extend({ addWorkingDays: 5, complainantInformedAt: '2026-12-15T10:00:00Z' }),
        '2026-12-15T11:00:00Z',
      )
      .then([
        {
          type: 'DeadlineExtended',
          occurredAt: '2026-12-15T11:00:00.000Z',
          data: {
            deadline: 'response',
            stage: 2,
            previousDueBy: '2026-12-21T23:59:59.999Z',
            // 22, 23, 24, then 25 (Christmas), 26-27 (weekend), 28 (Boxing Day's substitute) off.
            dueBy: '2026-12-30T23:59:59.999Z',
            dueDate: '2026-12-30',
            workingDaysAdded: 5,
            reason: 'Waiting for the mentor’s statement',
            complainantInformedAt: '2026-12-15T10:00:00.000Z',
            override: null,
            extendedBy: { id: 'u-ops', name: 'Olu Ops' },
          },
        },
      ]);
  });

  it('reads a new due date in the policy’s zone across the switch from BST to GMT', () => {
    // Received Mon 5 Oct 2026: due Mon 19 Oct, in BST; the clocks go back on 25 Oct.
    formalAt('2026-10-05T09:00:00Z')
      .when(extend({ addWorkingDays: undefined, newDueDate: '2026-11-02' }), '2026-10-15T09:00:00Z')
      .thenMatches([
        {
          type: 'DeadlineExtended',
          data: {
            previousDueBy: '2026-10-19T22:59:59.999Z',
            dueBy: '2026-11-02T23:59:59.999Z',
            dueDate: '2026-11-02',
            workingDaysAdded: 10,
          },
        },
      ]);
  });

  it('keeps the date as first set beside the extended one', () => {
    const state = beforeChristmas().when(extend(), '2026-12-15T11:00:00Z').thenState();
    expect(state.deadlines).toEqual([
      expect.objectContaining({
        kind: 'response',
        stage: 2,
        originalDueBy: '2026-12-21T23:59:59.999Z',
        originalDueDate: '2026-12-21',
        dueBy: '2026-12-30T23:59:59.999Z',
        dueDate: '2026-12-30',
        missed: false,
        extensions: [expect.objectContaining({ workingDaysAdded: 5, afterMiss: false })],
      }),
    ]);
  });

  describe('the policy’s allowance (10 working days in all)', () => {
    it('allows exactly the allowance, over two extensions', () => {
      extendedBy(4)
        .when(extend({ addWorkingDays: 6 }), '2026-12-16T11:00:00Z')
        .thenMatches([{ type: 'DeadlineExtended', data: { workingDaysAdded: 6 } }]);
    });

    it('refuses one working day beyond it', () => {
      extendedBy(4)
        .when(extend({ addWorkingDays: 7 }), '2026-12-16T11:00:00Z')
        .thenRefuses('extension-beyond-allowance', 'rule');
    });

    it('lets a senior manager go beyond it with an override reason', () => {
      beforeChristmas()
        .when(
          extend(
            { addWorkingDays: 15, override: { reason: 'Independent investigator' } },
            seniorManager,
          ),
          '2026-12-15T11:00:00Z',
        )
        .thenMatches([
          {
            type: 'DeadlineExtended',
            data: { workingDaysAdded: 15, override: { reason: 'Independent investigator' } },
          },
        ]);
    });

    it('refuses a senior manager beyond it without an override', () => {
      beforeChristmas()
        .when(extend({ addWorkingDays: 11 }, seniorManager), '2026-12-15T11:00:00Z')
        .thenRefuses('extension-beyond-allowance', 'rule');
    });

    it('refuses an override from anyone but a senior manager', () => {
      beforeChristmas()
        .when(
          extend({ addWorkingDays: 11, override: { reason: 'Please' } }),
          '2026-12-15T11:00:00Z',
        )
        .thenRefuses('override-needs-senior-manager', 'forbidden');
    });

    it('refuses any extension at a stage whose policy allows none', () => {
      const strict: Policy = {
        ...dmmPolicy,
        complaints: {
          ...dmmPolicy.complaints,
          stages: dmmPolicy.complaints.stages.map((s) =>
            s.stage === 2 ? { ...s, extensionMaxWorkingDays: null } : s,
          ),
        },
      };
      caseSpecification(strict)
        .after([
          receive({ formality: 'formal', channel: 'email', receivedAt: '2026-12-07T09:00:00Z' }),
          '2026-12-07T09:00:00Z',
        ])
        .when(extend({ addWorkingDays: 1 }), '2026-12-15T11:00:00Z')
        .thenRefuses('extension-not-allowed', 'rule');
    });
  });

  describe('an already missed deadline', () => {
    it('records the miss first, then the extension; the deadline stays missed', () => {
      const events = beforeChristmas()
        .when(extend({ addWorkingDays: 3 }), '2026-12-22T10:00:00Z')
        .thenMatches([
          { type: 'DeadlineMissed', data: { kind: 'response', dueBy: '2026-12-21T23:59:59.999Z' } },
          {
            type: 'DeadlineExtended',
            data: { previousDueBy: '2026-12-21T23:59:59.999Z', dueDate: '2026-12-24' },
          },
        ]);
      expect(events).toHaveLength(2);
    });

    it('counts a response before the new date as late all the same', () => {
      const state = dmm
        .after(RECEIVED_7_DECEMBER, [extend({ addWorkingDays: 3 }), '2026-12-22T10:00:00Z'])
        .when(respond(), '2026-12-23T10:00:00Z')
        .thenState();
      expect(state.deadlines[0]).toMatchObject({
        missed: true,
        metAt: '2026-12-23T10:00:00.000Z',
        originalDueDate: '2026-12-21',
        dueDate: '2026-12-24',
        extensions: [expect.objectContaining({ afterMiss: true })],
      });
    });
  });

  describe('the sla-sweep judges against the extended date', () => {
    const extended = () =>
      dmm.after(RECEIVED_7_DECEMBER, [extend({ addWorkingDays: 2 }), '2026-12-15T11:00:00Z']);

    it('records no miss after the first date and before the new one', () => {
      extended().when(sweep, '2026-12-23T23:59:59.999Z').thenNothing();
    });

    it('records the miss of the new date once it has passed', () => {
      const [missed] = extended()
        .when(sweep, '2026-12-24T00:00:00Z')
        .thenMatches([{ type: 'DeadlineMissed', data: { dueDate: '2026-12-23' } }]);
      expect(missed.occurredAt).toBe('2026-12-24T00:00:00.000Z');
    });

    it('counts a response by the new date as on time', () => {
      const state = extended().when(respond(), '2026-12-23T15:00:00Z').thenState();
      expect(state.deadlines[0]).toMatchObject({ missed: false, recordedLate: false });
    });
  });

  describe('extension, then escalation', () => {
    const escalatedAfterExtension = () =>
      dmm.after(
        RECEIVED_7_DECEMBER,
        [extend({ addWorkingDays: 5 }), '2026-12-15T11:00:00Z'],
        [respond(), '2026-12-29T10:00:00Z'],
        [escalate({ requestReceivedAt: '2027-01-04T09:00:00Z' }), '2027-01-04T09:00:00Z'],
      );

    it('gives the next stage its own full clock, from the request', () => {
      const state = escalatedAfterExtension().state();
      expect(state.deadlines).toEqual([
        expect.objectContaining({ stage: 2, dueDate: '2026-12-30', metAt: expect.any(String) }),
        expect.objectContaining({ stage: 3, dueDate: '2027-01-18', extensions: [] }),
      ]);
    });

    it('no longer extends the last stage’s deadline', () => {
      escalatedAfterExtension()
        .when(extend({ stage: 2 }, seniorManager), '2027-01-05T09:00:00Z')
        .thenRefuses('no-open-deadline', 'conflict');
    });

    it('extends the new stage’s deadline, by its deciders only', () => {
      escalatedAfterExtension()
        .when(extend({ stage: 3, addWorkingDays: 10 }, seniorManager), '2027-01-05T09:00:00Z')
        .thenMatches([{ type: 'DeadlineExtended', data: { stage: 3, dueDate: '2027-02-01' } }]);
      escalatedAfterExtension()
        .when(extend({ stage: 3 }), '2027-01-05T09:00:00Z')
        .thenRefuses('role-not-permitted', 'forbidden');
    });
  });

  describe('refusals', () => {
    it('refuses a deadline already met', () => {
      beforeChristmas()
        .when(extend({ deadline: 'acknowledgement' }), '2026-12-15T11:00:00Z')
        .thenRefuses('no-open-deadline', 'conflict');
    });

    it('refuses both a count and a date, or neither', () => {
      beforeChristmas()
        .when(extend({ newDueDate: '2026-12-23' }), '2026-12-15T11:00:00Z')
        .thenRefuses('extend-by-days-or-to-date', 'invalid');
      beforeChristmas()
        .when(extend({ addWorkingDays: undefined }), '2026-12-15T11:00:00Z')
        .thenRefuses('extend-by-days-or-to-date', 'invalid');
    });

    it.each([
      [{ addWorkingDays: 0 }, 'invalid-working-days'],
      [{ addWorkingDays: 61 }, 'invalid-working-days'],
      [{ addWorkingDays: undefined, newDueDate: '2026-12-26' }, 'not-a-working-day'],
      [{ addWorkingDays: undefined, newDueDate: '2026-12-21' }, 'not-later'],
      [{ addWorkingDays: undefined, newDueDate: '2026-02-30' }, 'invalid-date'],
      [{ complainantInformedAt: '2026-12-16T09:00:00Z' }, 'time-in-future'],
      [{ complainantInformedAt: '2026-12-01T09:00:00Z' }, 'time-before-case'],
    ])('refuses %o', (data, code) => {
      beforeChristmas().when(extend(data), '2026-12-15T11:00:00Z').thenRefuses(code, 'invalid');
    });

    it('refuses whoever may not respond at the stage', () => {
      beforeChristmas()
        .when(extend({}, staff), '2026-12-15T11:00:00Z')
        .thenRefuses('role-not-permitted', 'forbidden');
    });

    it('refuses a closed case', () => {
      dmm
        .after(RECEIVED_7_DECEMBER, [close({ reason: 'withdrawn' }), '2026-12-08T09:00:00Z'])
        .when(extend(), '2026-12-15T11:00:00Z')
        .thenRefuses('case-closed', 'conflict');
    });
  });

  it('extends the stage 1 acknowledgement, which staff taking part may give', () => {
    dmm
      .after([receive({ receivedAt: '2026-12-07T09:00:00Z' }), '2026-12-07T09:00:00Z'])
      .when(
        extend({ deadline: 'acknowledgement', stage: 1, addWorkingDays: 2 }, staff),
        '2026-12-08T09:00:00Z',
      )
      .thenMatches([{ type: 'DeadlineExtended', data: { dueDate: '2026-12-11' } }]);
  });
});
