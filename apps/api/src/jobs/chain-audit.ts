import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { asCaseEvent, CASE_CATEGORY } from '#domain';
import { verifyEveryChain, type BrokenChain, type Clock, type EventStore } from '#event-store';
import type { BrokenCaseChain, ChainAuditResult } from '#scheduling';
import { BROKEN_CHAIN_LOG } from '../cases/case-stream';
import type { Storage } from '../storage/storage';
import { CHAIN_AUDIT_JOB } from './scheduled-jobs';

const logger = new Logger('Integrity');

/** The reference the case's first event recorded: how people know the case. */
async function referenceOf(events: EventStore, stream: string): Promise<string | null> {
  const [first] = await events.readStream(stream, { maxCount: 1 });
  const received = first && first.revision === 0 ? asCaseEvent(first) : null;
  return received?.type === 'CaseReceived' ? received.data.reference : null;
}

const named = async (events: EventStore, broken: BrokenChain): Promise<BrokenCaseChain> => ({
  ...broken,
  reference: await referenceOf(events, broken.stream),
});

/**
 * The chain-audit job's run: every case's hash chain recomputed in one pass over the store,
 * the result kept for the dashboard and the admin endpoint, and each broken case logged.
 */
export async function auditEveryChain(
  storage: Pick<Storage, 'storedEvents' | 'chainAudits'>,
  clock: Clock,
  mayGoOn: () => string | null,
): Promise<ChainAuditResult> {
  const runId = randomUUID();
  const started = clock();
  const checked = await verifyEveryChain(storage.storedEvents, {
    category: CASE_CATEGORY,
    stopsBecause: mayGoOn,
  });
  const broken = await Promise.all(
    checked.broken.map((chain) => named(storage.storedEvents, chain)),
  );
  const finished = clock();
  const result: ChainAuditResult = {
    runId,
    startedAt: started.toISOString(),
    finishedAt: finished.toISOString(),
    durationMs: finished.getTime() - started.getTime(),
    casesChecked: checked.streams,
    eventsChecked: checked.events,
    broken,
    stoppedEarly: checked.stoppedEarly,
  };
  await storage.chainAudits.record(result);
  for (const chain of broken)
    logger.error({
      msg: BROKEN_CHAIN_LOG,
      runId,
      ...chain,
    });
  const { broken: _, ...summary } = result;
  logger.log({ msg: 'job run', job: CHAIN_AUDIT_JOB, ...summary, brokenCases: broken.length });
  return result;
}
