import type { EventStore } from '#event-store';
import type { ReadModelStore } from '../read-model.port';
import { CaseProjector } from './case-projector';
import { ProjectionRunner } from './projection-runner';
import { dmmRules } from '../testing/recorded-history';

describe('ProjectionRunner.reached', () => {
  it('gives up after the timeout it was given (with the clock the caller passes)', async () => {
    const runner = new ProjectionRunner(
      {} as EventStore,
      {} as ReadModelStore,
      new CaseProjector(dmmRules),
    );
    let fire: () => void = () => {};
    const timers = {
      setTimeout: ((callback: () => void, ms: number) => {
        expect(ms).toBe(5000);
        fire = callback;
        return 1 as unknown as NodeJS.Timeout;
      }) as unknown as typeof setTimeout,
      clearTimeout: (() => {}) as typeof clearTimeout,
    };
    const reached = runner.reached(10n, 5000, timers);
    fire();
    expect(await reached).toBe(false);
  });
});
