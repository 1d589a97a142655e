import type { IndexedWork } from '../queue-row';
import type { Collection } from 'mongodb';
import type { DueWork, ScheduledWorkIndex } from '../read-model.port';
import { dueWorkQuery, type CaseDocument } from './mongo-queue-query';

/** The jobs' deadline index: each job's due field of the case documents, partially indexed. */
export class MongoScheduledWorkIndex implements ScheduledWorkIndex {
  constructor(private readonly cases: Collection<CaseDocument>) {}

  async dueWork(
    job: IndexedWork,
    now: string,
    { limit, after }: { limit: number; after?: DueWork },
  ): Promise<DueWork[]> {
    const { filter, sort, field } = dueWorkQuery(job, now, after);
    const documents = await this.cases
      .find(filter, { projection: { [field]: 1 } })
      .sort(sort)
      .limit(limit)
      .toArray();
    return documents.map((d) => ({ caseId: d._id, dueAt: d[field]! }));
  }
}
