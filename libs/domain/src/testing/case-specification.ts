import { createCaseDecider } from '../case/case.decider';
import type { CaseCommand } from '../case/case.commands';
import { DomainError, type DomainErrorKind } from '../case/case.errors';
import type { CaseEvent, CaseEventType } from '../case/case.events';
import { foldCase, type Case } from '../case/case.state';
import type { Policy } from '../policy/policy';

/** What `run` threw: a DomainError naming the rule `code` (and of `kind`, when given). */
export function expectRefusal(
  run: () => unknown,
  code: string,
  kind?: DomainErrorKind,
): DomainError {
  let refusal: unknown;
  try {
    run();
  } catch (error) {
    refusal = error;
  }
  expect(refusal).toBeInstanceOf(DomainError);
  const domainError = refusal as DomainError;
  expect(domainError.code).toBe(code);
  if (kind) expect(domainError.kind).toBe(kind);
  return domainError;
}

type Step = readonly [command: CaseCommand, at: string];

/**
 * Given/when/then for the case decider:
 *
 *   spec.given(events…).when(command, at).then(expectedEvents)
 *   spec.after([command, at], …).when(command, at).thenRefuses('rule-code')
 *
 * `given` takes events as stored; `after` builds the history by deciding earlier commands,
 * which keeps long histories short to write and still exercises only public behaviour.
 */
export function caseSpecification(policy: Policy) {
  const decider = createCaseDecider(policy);

  const when = (history: CaseEvent[]) => (command: CaseCommand, at: string) => {
    const run = (): CaseEvent[] => decider.decide(command, foldCase(history), new Date(at));
    return {
      /** The events decided, exactly. */
      then(expected: CaseEvent[]): void {
        expect(run()).toEqual(expected);
      },
      /** The events decided, each matching the partial shape given. */
      thenMatches(
        expected: Array<{ type?: CaseEventType; occurredAt?: string; data?: object }>,
      ): CaseEvent[] {
        const events = run();
        expect(events).toHaveLength(expected.length);
        expect(events).toMatchObject(expected);
        return events;
      },
      thenNothing(): void {
        expect(run()).toEqual([]);
      },
      /** Refused with the named rule (and kind, when given). */
      thenRefuses: (code: string, kind?: DomainErrorKind): DomainError =>
        expectRefusal(run, code, kind),
      /** The case after the decided events are applied. */
      thenState(): Case {
        const state = foldCase(run(), foldCase(history));
        if (state === null) throw new Error('no case');
        return state;
      },
    };
  };

  return {
    decider,
    given: (...events: CaseEvent[]) => ({ when: when(events) }),
    after: (...steps: Step[]) => {
      const history: CaseEvent[] = [];
      for (const [command, at] of steps) {
        history.push(...decider.decide(command, foldCase(history), new Date(at)));
      }
      return { history, when: when(history), state: () => foldCase(history) as Case };
    },
  };
}
