import { createRequire } from 'node:module';
import {
  MongoBulkWriteError,
  MongoNetworkError,
  MongoServerError,
  MongoWriteConcernError,
  type BulkWriteResult,
  type WriteConcernError,
  type WriteError,
} from 'mongodb';
import { DUPLICATE_KEY } from '../mongo-read-model-writer';

/** The driver's bulk-write internals, which it uses to build the errors but does not export. */
interface DriverBulk {
  WriteError: new (error: {
    index: number;
    code: number;
    errmsg: string;
    op: unknown;
  }) => WriteError;
  WriteConcernError: new (error: { code: number; errmsg: string }) => WriteConcernError;
  BulkWriteResult: new (bulkResult: BulkResult, ordered: boolean) => BulkWriteResult;
}

interface BulkResult {
  ok: number;
  writeErrors: WriteError[];
  writeConcernErrors: WriteConcernError[];
  insertedIds: unknown[];
  nInserted: number;
  nUpserted: number;
  nMatched: number;
  nModified: number;
  nRemoved: number;
  upserted: { index: number; _id: unknown }[];
}

export { DUPLICATE_KEY };

const bulk = createRequire(__filename)('mongodb/lib/bulk/common') as DriverBulk;

export const NOT_WRITABLE_PRIMARY = 10107;
export const WRITE_CONCERN_FAILED = 64;

function bulkResult(writeErrors: WriteError[], writeConcernErrors: WriteConcernError[] = []) {
  const result: BulkResult = {
    ok: 1,
    writeErrors,
    writeConcernErrors,
    insertedIds: [],
    nInserted: 0,
    nUpserted: 0,
    nMatched: 0,
    nModified: 0,
    nRemoved: 0,
    upserted: [],
  };
  return new bulk.BulkWriteResult(result, false);
}

const writeError = (index: number, code: number) =>
  new bulk.WriteError({ index, code, errmsg: `E${code}`, op: { q: {}, u: {} } });

/** What an unordered bulk write throws when some of its updates failed (BulkOperationBase.handleWriteError). */
export function bulkWriteFailure(
  codes: number[],
  writeConcernError?: { code: number; errmsg: string },
): MongoBulkWriteError {
  const errors = codes.map((code, index) => writeError(index, code));
  const concern = writeConcernError ? [new bulk.WriteConcernError(writeConcernError)] : [];
  return new MongoBulkWriteError(
    { message: errors[0].errmsg ?? 'write operation failed', code: codes[0], writeErrors: errors },
    bulkResult(errors, concern),
  );
}

/** What it throws when the server applied the writes but could not meet the write concern. */
export function bulkWriteConcernFailure(): MongoBulkWriteError {
  const concern = new bulk.WriteConcernError({
    code: WRITE_CONCERN_FAILED,
    errmsg: 'waiting for replication timed out',
  });
  return new MongoBulkWriteError(concern, bulkResult([], [concern]));
}

/** What it throws when the command itself failed (network, step-down): the cause, wrapped. */
export function bulkCommandFailure(cause: Error): MongoBulkWriteError {
  return new MongoBulkWriteError(cause as MongoServerError, bulkResult([]));
}

export const networkFailure = () => new MongoNetworkError('connection 3 to 127.0.0.1:27017 closed');

export const notWritablePrimary = () =>
  new MongoServerError({ message: 'not primary', code: NOT_WRITABLE_PRIMARY, ok: 0 });

/** The write-concern error the server reports beside an otherwise applied command. */
export const writeConcernFailure = () =>
  new MongoWriteConcernError({
    ok: 1,
    writeConcernError: { code: WRITE_CONCERN_FAILED, errmsg: 'waiting for replication timed out' },
  } as ConstructorParameters<typeof MongoWriteConcernError>[0]);
