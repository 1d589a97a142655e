import {
  MongoBulkWriteError,
  MongoError,
  MongoErrorLabel,
  MongoNetworkError,
  MongoNotConnectedError,
  MongoServerSelectionError,
  MongoWriteConcernError,
} from 'mongodb';

/**
 * Server error codes that pass once the replica set has a primary again or the node is back:
 * unreachable hosts, shutdowns, step-downs, elections, write concern not met in time.
 */
const PASSING_CODES = new Set([
  6, // HostUnreachable
  7, // HostNotFound
  50, // MaxTimeMSExpired
  64, // WriteConcernFailed
  89, // NetworkTimeout
  91, // ShutdownInProgress
  189, // PrimarySteppedDown
  262, // ExceededTimeLimit
  9001, // SocketException
  10107, // NotWritablePrimary
  11600, // InterruptedAtShutdown
  11602, // InterruptedDueToReplStateChange
  13435, // NotPrimaryNoSecondaryOk
  13436, // NotPrimaryOrSecondary
]);

/**
 * Whether a MongoDB failure passes by itself (the server or the network), so writing the
 * read models may start again from the checkpoint; a refused document or a bug does not.
 * A bulk write without write errors wraps the command's own failure: judged by its code,
 * and by the absence of one (the driver's network and write-concern errors carry none).
 */
export function isPassingMongoFailure(error: unknown): boolean {
  if (
    error instanceof MongoNetworkError ||
    error instanceof MongoServerSelectionError ||
    error instanceof MongoNotConnectedError ||
    error instanceof MongoWriteConcernError
  )
    return true;
  if (error instanceof MongoBulkWriteError && [error.writeErrors].flat().length === 0)
    return typeof error.code !== 'number' || PASSING_CODES.has(error.code);
  if (!(error instanceof MongoError)) return false;
  return (
    error.hasErrorLabel(MongoErrorLabel.RetryableWriteError) ||
    (typeof error.code === 'number' && PASSING_CODES.has(error.code))
  );
}
