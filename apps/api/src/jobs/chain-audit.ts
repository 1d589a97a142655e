import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { asCaseEvent, CASE_CATEGORY, caseIdOf, caseStream } from '#domain';
import { holdsSealedData } from '#personal-data';
import { verifyEveryChain, type BrokenChain, type Clock, type EventStore } from '#event-store';
import type { BrokenCaseChain, ChainAuditResult } from '#scheduling';
import { BROKEN_CHAIN_LOG } from '../cases/case-stream';
import type { Storage } from '../storage/storage';
import { CHAIN_AUDIT_JOB } from './scheduled-jobs';

const logger = new Logger('Integrity');

/** What the log says of a case whose personal data is sealed but whose key is gone though nothing erased it. */
export const KEY_MISSING_LOG =
  'A case holds personal data whose key is missing (not erased): restore case-keys.db (or the case_keys collection) from a backup';

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
  storage: Pick<Storage, 'storedEvents' | 'chainAudits' | 'caseKeys'>,
  clock: Clock,
  mayGoOn: () => string | null,
): Promise<ChainAuditResult> {
  const runId = randomUUID();
  const started = clock();
  // In the same pass: the cases holding sealed personal data, whose keys must be there.
  const sealed = new Set<string>();
  const checked = await verifyEveryChain(storage.storedEvents, {
    category: CASE_CATEGORY,
    stopsBecause: mayGoOn,
    observe: (stream, data) => {
      if (holdsSealedData(data)) sealed.add(caseIdOf(stream));
    },
  });
  const broken = await Promise.all(
    checked.broken.map((chain) => named(storage.storedEvents, chain)),
  );
  const keysMissing = await Promise.all(
    (await storage.caseKeys.casesWithoutKey([...sealed])).map(caseStream).map(async (stream) => ({
      stream,
      reference: await referenceOf(storage.storedEvents, stream),
    })),
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
    keysMissing,
    stoppedEarly: checked.stoppedEarly,
  };
  await storage.chainAudits.record(result);
  for (const chain of broken)
    logger.error({
      msg: BROKEN_CHAIN_LOG,
      runId,
      ...chain,
    });
  for (const found of keysMissing) logger.error({ msg: KEY_MISSING_LOG, runId, ...found });
  const { broken: _, keysMissing: __, ...summary } = result;
  logger.log({
    msg: 'job run',
    job: CHAIN_AUDIT_JOB,
    ...summary,
    brokenCases: broken.length,
    casesWithoutKey: keysMissing.length,
  });
  return result;
}
