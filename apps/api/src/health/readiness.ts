import type { ReadSide } from '#read-models';
import type { AppConfig } from '../config/app-config';
import type { Storage } from '../storage/storage';

/** Read models further behind than this make the process not ready: its queues would mislead. */
export const READY_MAX_LAG_SECONDS = 30;
/** A store that has not answered in this time counts as unreachable. */
const CHECK_TIMEOUT_MS = 2_000;

type Check = 'ok' | 'unavailable';

/** What `work` answers, or `fallback` if it fails or takes longer than a load balancer waits. */
async function withinTime<T>(work: () => Promise<T>, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback), CHECK_TIMEOUT_MS);
  });
  try {
    return await Promise.race([work().catch(() => fallback), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const reachable = (work: () => Promise<unknown>): Promise<Check> =>
  withinTime(() => work().then(() => 'ok' as const), 'unavailable' as const);

/**
 * Ready to take work: the event store, the document store and the read models answer,
 * and — where this process keeps them — the read models are within
 * `READY_MAX_LAG_SECONDS` of the event store. An API replica only reports the worker's
 * lag: commands and case details do not need the read models, and a lagging worker
 * must not take every replica out of a load balancer.
 */
export async function readiness(config: AppConfig, storage: Storage, projections: ReadSide) {
  const [eventStore, documents, readModels] = await Promise.all([
    reachable(() => storage.events.headPosition()),
    reachable(() => storage.documents.ping()),
    readModelsCheck(projections),
  ]);
  const checks = {
    eventStore,
    documents,
    readModels,
    policy: `${config.policy.id}@${config.policy.version}`,
  };
  const readModelsFit =
    readModels.status === 'ok' || (config.role === 'api' && readModels.status === 'behind');
  const ready = eventStore === 'ok' && documents === 'ok' && readModelsFit;
  return { status: ready ? ('ready' as const) : ('not-ready' as const), role: config.role, checks };
}

export type Readiness = Awaited<ReturnType<typeof readiness>>;

/**
 * How many events behind a probe counts, at most: readiness turns on the lag in seconds,
 * and counting means reading the events behind, every few seconds while they pile up.
 */
export const HEALTH_LAG_COUNT = 100;

function readModelsCheck(projections: ReadSide) {
  type ReadModelsCheck =
    | { status: 'ok' | 'behind'; lagEvents: number; lagSeconds: number; failed?: string }
    | { status: 'unavailable' };
  return withinTime<ReadModelsCheck>(
    async () => {
      const [{ lagEvents, lagSeconds, failed, checkpoint }] = await projections.status({
        countLagUpTo: HEALTH_LAG_COUNT,
      });
      // Read models that have taken in nothing while the store holds events (a first
      // start on existing data, building them) would show empty queues however recent
      // the events are.
      const unbuilt = checkpoint === null && lagEvents > 0;
      const behind = failed !== null || unbuilt || lagSeconds > READY_MAX_LAG_SECONDS;
      return {
        status: behind ? 'behind' : 'ok',
        lagEvents,
        lagSeconds,
        ...(failed ? { failed } : {}),
      };
    },
    { status: 'unavailable' },
  );
}
