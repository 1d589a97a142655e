import { MongoServerError, type Collection } from 'mongodb';
import { CaseProjector } from '../projection/case-projector';
import { dmmRules, RecordedHistory } from '../testing/recorded-history';
import type { CaseDocument } from './mongo-queue-query';
import { MongoReadModelWriter, onlyReplays, type MetaDocument } from './mongo-read-model-writer';
import {
  bulkCommandFailure,
  bulkWriteConcernFailure,
  bulkWriteFailure,
  DUPLICATE_KEY,
  networkFailure,
  notWritablePrimary,
  WRITE_CONCERN_FAILED,
  writeConcernFailure,
} from './testing/driver-errors';

describe('onlyReplays, given the errors the MongoDB driver throws', () => {
  it('counts a bulk write whose every failure is a duplicate key as a replay', () => {
    expect(onlyReplays(bulkWriteFailure([DUPLICATE_KEY]))).toBe(true);
    expect(onlyReplays(bulkWriteFailure([DUPLICATE_KEY, DUPLICATE_KEY]))).toBe(true);
  });

  it('counts a single duplicate-key server error as a replay', () => {
    expect(onlyReplays(new MongoServerError({ message: 'E11000', code: DUPLICATE_KEY }))).toBe(
      true,
    );
  });

  it.each([
    ['a bulk write wrapping a network error', () => bulkCommandFailure(networkFailure())],
    ['a bulk write wrapping a primary step-down', () => bulkCommandFailure(notWritablePrimary())],
    ['a bulk write that missed its write concern', bulkWriteConcernFailure],
    [
      'duplicate keys beside a write-concern error',
      () =>
        bulkWriteFailure([DUPLICATE_KEY], {
          code: WRITE_CONCERN_FAILED,
          errmsg: 'waiting for replication timed out',
        }),
    ],
    ['a duplicate key beside another failure', () => bulkWriteFailure([DUPLICATE_KEY, 2])],
    ['a network error', networkFailure],
    ['a primary step-down', notWritablePrimary],
    ['a write-concern error', writeConcernFailure],
  ])('fails the batch on %s', (_, failure) => {
    expect(onlyReplays(failure())).toBe(false);
  });
});

describe('MongoReadModelWriter.save', () => {
  const history = new RecordedHistory();
  const caseId = '00000000-0000-4000-8000-000000000001';
  history.run(
    caseId,
    {
      type: 'ReceiveCase',
      actor: { id: 'u-ann', name: 'Ann', roles: ['staff'] },
      data: {
        caseId,
        reference: 'DMM-2026-00001',
        kind: 'complaint',
        channel: 'email',
        summary: 'Late',
        complainant: { name: 'Ada', role: 'learner' },
        categories: ['fees'],
      },
    },
    '2026-11-23T09:00:00Z',
  );
  const records = new CaseProjector(dmmRules).project(history.events, new Map());
  const checkpoint = { position: history.events[0].position, events: 1 };

  /** Collections whose bulk write fails as given; the checkpoint writes are recorded. */
  function writerFailingWith(failure: Error) {
    const checkpoints: unknown[] = [];
    const cases = { bulkWrite: () => Promise.reject(failure) };
    const meta = {
      updateOne: async (_: unknown, update: unknown) => void checkpoints.push(update),
    };
    const writer = new MongoReadModelWriter(
      cases as unknown as Collection<CaseDocument>,
      meta as unknown as Collection<MetaDocument>,
    );
    return { writer, checkpoints };
  }

  it('does not move the checkpoint past a batch the primary stepped down during', async () => {
    const failure = bulkCommandFailure(notWritablePrimary());
    const { writer, checkpoints } = writerFailingWith(failure);
    await expect(writer.save(records, checkpoint)).rejects.toBe(failure);
    expect(checkpoints).toEqual([]);
  });

  it('moves the checkpoint past a replayed batch', async () => {
    const { writer, checkpoints } = writerFailingWith(bulkWriteFailure([DUPLICATE_KEY]));
    await writer.save(records, checkpoint);
    expect(checkpoints).toHaveLength(1);
  });
});
