import fc from 'fast-check';
import { bundledPolicy } from '../policy/bundled-policies';
import {
  acknowledge,
  autoClose,
  close,
  correspondence,
  escalate,
  receive,
  reopen,
  respond,
  sameDay,
  seniorManager,
  sweep,
  retain,
} from '../testing/case-fixtures';
import type { CaseCommand } from './case.commands';
import { createCaseDecider } from './case.decider';
import { DomainError } from './case.errors';
import type { CaseEvent } from './case.events';
import { foldCase, type Case } from './case.state';
import { scheduledWork, type ScheduledJob } from './scheduled-work';

const JOB_COMMANDS: Record<ScheduledJob, CaseCommand> = {
  'sla-sweep': sweep,
  'auto-close': autoClose,
  'same-day-escalation': sameDay,
  retention: retain,
};

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** What people do to a case between the jobs' runs. */
const step = fc.oneof(
  fc.constant(acknowledge()),
  fc.constant(respond()),
  fc.constant(escalate({ inWriting: true }, seniorManager)),
  fc.constant(correspondence()),
  fc.constant(close({ reason: 'resolved' })),
  fc.constant(reopen()),
  fc.constant(sweep),
  fc.constant(autoClose),
  fc.constant(sameDay),
);

const history = fc.record({
  receivedAt: fc.integer({
    min: Date.parse('2026-01-01T00:00:00Z'),
    max: Date.parse('2026-12-31T00:00:00Z'),
  }),
  kind: fc.constantFrom('complaint' as const, 'compliment' as const, 'suggestion' as const),
  formality: fc.constantFrom('informal' as const, 'formal' as const),
  channel: fc.constantFrom('phone' as const, 'email' as const),
  responseRequested: fc.boolean(),
  steps: fc.array(fc.tuple(step, fc.integer({ min: 1, max: 20 * DAY })), { maxLength: 8 }),
  checkAfter: fc.integer({ min: 0, max: 70 * DAY }),
});

type History = typeof history extends fc.Arbitrary<infer T> ? T : never;

describe.each(['dmm', 'mactri'] as const)('scheduled work under %s', (policyId) => {
  const decider = createCaseDecider(bundledPolicy(policyId));

  /** Decides each step at its time, skipping those the case refuses. */
  function play(h: History): { state: Case; at: number } {
    const { kind, formality, channel, responseRequested } = h;
    const formal = kind === 'complaint' && (formality === 'formal' || channel === 'email');
    let at = h.receivedAt;
    let events: CaseEvent[] = decider.decide(
      receive({
        kind,
        channel,
        responseRequested,
        receivedAt: new Date(at).toISOString(),
        ...(kind === 'complaint' ? { formality: formal ? 'formal' : 'informal' } : {}),
      }),
      null,
      new Date(at),
    );
    for (const [command, after] of h.steps) {
      at += after;
      try {
        events = [...events, ...decider.decide(command, foldCase(events), new Date(at))];
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
      }
    }
    return { state: foldCase(events)!, at };
  }

  it('names the instant from which each job acts, and the job acts exactly from then, dating its event then', () => {
    fc.assert(
      fc.property(history, (h) => {
        const { state, at } = play(h);
        const now = new Date(at + h.checkAfter);
        const work = scheduledWork(state, decider);
        for (const [job, command] of Object.entries(JOB_COMMANDS) as [
          ScheduledJob,
          CaseCommand,
        ][]) {
          const decided = decider.decide(command, state, now);
          const due = work[job];
          expect(decided.length > 0).toBe(due !== null && now.toISOString() >= due);
          if (decided.length > 0) expect(decided.map((e) => e.occurredAt).sort()[0]).toBe(due);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('leaves nothing due once the jobs have run in turn until none has anything to do', () => {
    fc.assert(
      fc.property(history, (h) => {
        const { state, at } = play(h);
        const now = new Date(at + h.checkAfter);
        let events: CaseEvent[] = [];
        // An escalation brings new deadlines that may be past already: a later run records them.
        for (let round = 0, acted = true; acted; round += 1) {
          expect(round).toBeLessThan(4);
          acted = false;
          for (const command of Object.values(JOB_COMMANDS)) {
            const decided = decider.decide(command, foldCase(events, state), now);
            acted ||= decided.length > 0;
            events = [...events, ...decided];
          }
        }
        const after = foldCase(events, state)!;
        const work = scheduledWork(after, decider);
        for (const due of Object.values(work))
          if (due !== null) expect(due > now.toISOString()).toBe(true);
      }),
      { numRuns: 400 },
    );
  });
});

describe('scheduled work at the edges', () => {
  const mactri = createCaseDecider(bundledPolicy('mactri'));
  const dmm = createCaseDecider(bundledPolicy('dmm'));
  const stateAfter = (decider: typeof dmm, ...steps: Array<[CaseCommand, string]>) =>
    foldCase(
      steps.reduce<CaseEvent[]>(
        (events, [command, at]) => [
          ...events,
          ...decider.decide(command, foldCase(events), new Date(at)),
        ],
        [],
      ),
    )!;

  it('is due the millisecond after a deadline ends (Wed 23 Dec 2026 → acknowledgement due Tue 29th)', () => {
    const state = stateAfter(dmm, [receive(), '2026-12-23T16:00:00Z']);
    expect(scheduledWork(state, dmm)).toEqual({
      'sla-sweep': '2026-12-30T00:00:00.000Z',
      'auto-close': null,
      'same-day-escalation': null,
      retention: null,
    });
  });

  it('moves a MaCTRI complaint raised at 23:30 BST on the next local day, 23:00 UTC', () => {
    const state = stateAfter(mactri, [receive({ formality: 'informal' }), '2026-07-01T22:30:00Z']);
    expect(scheduledWork(state, mactri)['same-day-escalation']).toBe('2026-07-01T23:00:00.000Z');
  });

  it('has nothing but retention to do for a closed case', () => {
    const state = stateAfter(
      dmm,
      [receive(), '2026-11-23T09:00:00Z'],
      [close({ reason: 'withdrawn' }), '2026-11-23T10:00:00Z'],
    );
    expect(scheduledWork(state, dmm)).toEqual({
      'sla-sweep': null,
      'auto-close': null,
      'same-day-escalation': null,
      retention: '2032-11-24T00:00:00.000Z',
    });
  });

  it('closes a responded stage 2 complaint after the month of silence, from the end of its last day', () => {
    const state = stateAfter(
      dmm,
      [receive({ formality: 'formal' }), '2026-01-20T09:00:00Z'],
      [respond(), '2026-01-30T12:00:00Z'],
    );
    expect(scheduledWork(state, dmm)['auto-close']).toBe('2026-03-01T00:00:00.000Z');
  });
});
