import fc from 'fast-check';
import { bundledPolicy } from '../policy/bundled-policies';
import {
  acknowledge,
  autoClose,
  close,
  correspondence,
  escalate,
  operationsManager,
  receive,
  reopen,
  respond,
  sameDay,
  seniorManager,
  sweep,
} from '../testing/case-fixtures';
import type { CaseCommand } from './case.commands';
import { createCaseDecider } from './case.decider';
import { DomainError } from './case.errors';
import type { CaseEvent } from './case.events';
import { foldCase } from './case.state';
import { caseSpecification } from '../testing/case-specification';

const DAY = 24 * 3_600_000;
const JOBS: CaseCommand[] = [sameDay, sweep, autoClose];

/** What people do to a case, days apart. */
const step = fc.oneof(
  fc.constant(acknowledge()),
  fc.constant(respond()),
  fc.constant(escalate({ inWriting: true }, operationsManager)),
  fc.constant(escalate({ inWriting: true }, seniorManager)),
  fc.constant(correspondence()),
  fc.constant(close({ reason: 'resolved' })),
  fc.constant(reopen()),
);

const history = fc.record({
  receivedAt: fc.integer({
    min: Date.parse('2026-01-01T00:00:00Z'),
    max: Date.parse('2026-12-31T00:00:00Z'),
  }),
  formality: fc.constantFrom('informal' as const, 'formal' as const),
  kind: fc.constantFrom('complaint' as const, 'compliment' as const),
  steps: fc.array(fc.tuple(step, fc.integer({ min: 1, max: 40 * DAY })), { maxLength: 7 }),
});

describe.each(['dmm', 'mactri'] as const)('a late scheduler under %s', (policyId) => {
  const decider = createCaseDecider(bundledPolicy(policyId));

  function tryDecide(events: CaseEvent[], command: CaseCommand, at: number): CaseEvent[] {
    try {
      return [...events, ...decider.decide(command, foldCase(events), new Date(at))];
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return events;
    }
  }

  /** The jobs, run at `at` until none has anything left to do. */
  function runJobs(events: CaseEvent[], at: number): CaseEvent[] {
    for (let round = 0; round < 5; round += 1) {
      const before = events.length;
      for (const job of JOBS) events = tryDecide(events, job, at);
      if (events.length === before) return events;
    }
    throw new Error('the jobs did not settle');
  }

  it('leaves every case as punctual jobs would have: people’s commands record what fell due first', () => {
    fc.assert(
      fc.property(history, ({ receivedAt, formality, kind, steps }) => {
        const received = decider.decide(
          receive({ kind, ...(kind === 'complaint' ? { formality } : {}) }),
          null,
          new Date(receivedAt),
        );
        let punctual = received;
        let late = received;
        let at = receivedAt;
        for (const [command, after] of steps) {
          at += after;
          punctual = tryDecide(runJobs(punctual, at), command, at);
          late = tryDecide(late, command, at);
        }
        const end = at + 60 * DAY;
        expect(foldCase(runJobs(late, end))).toEqual(foldCase(runJobs(punctual, end)));
      }),
      { numRuns: 500 },
    );
  });
});

describe('a person’s command on a case with work the scheduler has not done yet', () => {
  const dmm = caseSpecification(bundledPolicy('dmm'));
  const mactri = caseSpecification(bundledPolicy('mactri'));
  // Received Mon 23 Nov 2026: the acknowledgement is due by the end of Wed 25th.
  const received = (spec = dmm, data = {}) =>
    spec.after([receive({ receivedAt: '2026-11-23T09:00:00Z', ...data }), '2026-11-23T09:00:00Z']);

  it('records the missed acknowledgement before closing a case the day after it was due', () => {
    received()
      .when(close({ reason: 'withdrawn' }), '2026-11-26T10:00:00Z')
      .thenMatches([
        {
          type: 'DeadlineMissed',
          occurredAt: '2026-11-26T00:00:00.000Z',
          data: { kind: 'acknowledgement', stage: 1, dueDate: '2026-11-25' },
        },
        { type: 'CaseClosed', data: { reason: 'withdrawn' } },
      ]);
  });

  it('records nothing first for an acknowledgement made in time and recorded late', () => {
    received()
      .when(acknowledge({ at: '2026-11-25T16:00:00Z' }), '2026-11-27T10:00:00Z')
      .thenMatches([{ type: 'CaseAcknowledged', occurredAt: '2026-11-25T16:00:00.000Z' }]);
  });

  it('records the miss before an escalation leaves the stage whose deadline passed', () => {
    const [missed] = received()
      .when(escalate({ inWriting: true, reason: 'Wrote in' }), '2026-11-30T10:00:00Z')
      .thenMatches([{ type: 'DeadlineMissed' }, { type: 'CaseEscalated' }]);
    expect(missed.data).toMatchObject({ kind: 'acknowledgement', stage: 1 });
  });

  describe('after a month of silence (stage 2 answered Tue 24 Nov: the window ends with Thu 24 Dec)', () => {
    const answered = () =>
      dmm.after(
        [
          receive({ formality: 'formal', receivedAt: '2026-11-23T09:00:00Z' }),
          '2026-11-23T09:00:00Z',
        ],
        [respond({ at: '2026-11-24T10:00:00Z' }), '2026-11-24T10:00:00Z'],
      );

    it('keeps the case open for a letter that arrived within the month, recorded after it by a senior manager', () => {
      const letter = { receivedAt: '2026-12-23T09:00:00Z' };
      answered()
        .when(correspondence(letter, seniorManager), '2026-12-29T10:00:00Z')
        .thenMatches([
          { type: 'CorrespondenceReceived', data: { recordedAfterWindowClosed: true } },
        ]);
      answered()
        .when(correspondence(letter), '2026-12-29T10:00:00Z')
        .thenRefuses('silence-window-closed-when-recorded', 'rule');
    });

    it('finds the case closed for a letter that arrived after the month: it must be reopened', () => {
      answered()
        .when(correspondence({ receivedAt: '2026-12-28T09:00:00Z' }), '2026-12-29T10:00:00Z')
        .thenRefuses('case-closed', 'conflict');
    });

    it('closes it first, as of the window’s end, when a note is added later', () => {
      answered()
        .when(
          { type: 'AddNote', actor: operationsManager, data: { text: 'Called' } },
          '2027-01-05T10:00:00Z',
        )
        .thenMatches([
          {
            type: 'CaseClosed',
            occurredAt: '2026-12-25T00:00:00.000Z',
            data: { reason: 'no-further-correspondence' },
          },
          { type: 'NoteAdded' },
        ]);
    });
  });

  it('moves a MaCTRI complaint not resolved on its day to stage 2 before a later acknowledgement', () => {
    received(mactri, { formality: 'informal' })
      .when(acknowledge(), '2026-11-24T09:30:00Z')
      .thenMatches([
        {
          type: 'CaseEscalated',
          occurredAt: '2026-11-24T00:00:00.000Z',
          data: { toStage: 2, automatic: true },
        },
        { type: 'CaseAcknowledged', occurredAt: '2026-11-24T09:30:00.000Z' },
      ]);
  });
});
