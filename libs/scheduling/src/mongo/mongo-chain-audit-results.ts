import type { Collection, Db } from 'mongodb';
import type { ChainAuditResult, ChainAuditResults } from '../chain-audit-results.port';

type AuditDocument = ChainAuditResult & { _id: string };

/** The audit's results in `chain_audits`, one document per run, for every replica to read. */
export class MongoChainAuditResults implements ChainAuditResults {
  private readonly audits: Collection<AuditDocument>;
  private indexed: Promise<unknown> | undefined;

  constructor(db: Db) {
    this.audits = db.collection<AuditDocument>('chain_audits');
  }

  async record(result: ChainAuditResult): Promise<void> {
    await this.index();
    await this.audits.replaceOne({ _id: result.runId }, result, { upsert: true });
  }

  async latest(): Promise<ChainAuditResult | null> {
    await this.index();
    const found = await this.audits.findOne(
      {},
      { sort: { finishedAt: -1 }, projection: { _id: 0 } },
    );
    return found ?? null;
  }

  async close(): Promise<void> {}

  private index(): Promise<unknown> {
    this.indexed ??= this.audits.createIndex({ finishedAt: -1 });
    return this.indexed;
  }
}
