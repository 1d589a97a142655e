import { join } from 'node:path';
import { SqliteChainAuditResults } from '#scheduling';
import type { SealedEventStore } from '#personal-data';
import { auditEveryChain } from '../apps/api/src/jobs/chain-audit';
import type { Measurement } from './event-store.bench';

const TARGET_PER_SECOND = 100_000;

/** The chain-audit job's run over the store as it stands: every case's chain, read once. */
export async function benchChainAudit(
  events: SealedEventStore,
  dataDir: string,
): Promise<Measurement> {
  const chainAudits = new SqliteChainAuditResults(join(dataDir, 'chain-audits.db'));
  try {
    const started = performance.now();
    const result = await auditEveryChain(
      { storedEvents: events.stored, chainAudits, caseKeys: events },
      () => new Date(),
      () => null,
    );
    const seconds = (performance.now() - started) / 1000;
    const perSecond = result.eventsChecked / seconds;
    if (result.broken.length > 0) throw new Error('chain-audit found a broken chain in the bench');
    return {
      what: `chain-audit over ${result.eventsChecked.toLocaleString('en-GB')} events of ${result.casesChecked.toLocaleString('en-GB')} cases`,
      target: `≥ ${TARGET_PER_SECOND.toLocaleString('en-GB')} events/s`,
      measured: `${Math.round(perSecond).toLocaleString('en-GB')} events/s (${seconds.toFixed(1)} s)`,
      pass: perSecond >= TARGET_PER_SECOND,
      detail: {
        events: result.eventsChecked,
        cases: result.casesChecked,
        seconds: Number(seconds.toFixed(2)),
        eventsPerSecond: Math.round(perSecond),
      },
    };
  } finally {
    await chainAudits.close();
  }
}
