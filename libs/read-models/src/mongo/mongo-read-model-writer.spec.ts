import { MongoServerError, type Collection } from 'mongodb';
import { CaseProjector } from '../projection/case-projector';
import { dmmRules, RecordedHistory } from '../testing/recorded-history';
import type { CaseDocument } from './mongo-queue-query';
import { MongoReadModelWriter, onlyReplays, type MetaDocument } from './mongo-read-model-writer';
import * as driver from './testing/driver-errors';

const { bulkCommandFailure, bulkWriteFailure, DUPLICATE_KEY, notWritablePrimary } = driver;

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
    ['a bulk write wrapping a network error', () => bulkCommandFailure(driver.networkFailure())],
    ['a bulk write wrapping a primary step-down', () => bulkCommandFailure(notWritablePrimary())],
    ['a bulk write that missed its write concern', driver.bulkWriteConcernFailure],
    [
      'duplicate keys beside a write-concern error',
      () =>
        bulkWriteFailure([DUPLICATE_KEY], {
          code: driver.WRITE_CONCERN_FAILED,
          errmsg: 'waiting for replication timed out',
        }),
    ],
    ['a duplicate key beside another failure', () => bulkWriteFailure([DUPLICATE_KEY, 2])],
    ['a network error', driver.networkFailure],
    ['a primary step-down', notWritablePrimary],
    ['a write-concern error', driver.writeConcernFailure],
  ])('fails the batch on %s', (_, failure) => {
    expect(onlyReplays(failure())).toBe(false);
  });
});

describe('MongoReadModelWriter.save', () => {
  const history = new RecordedHistory();
  const caseId = '00000000-0000-4000-8000-000000000001';
  history.receive(caseId, 'DMM-2026-00001', 'Late', '2026-11-23T09:00:00Z');
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
