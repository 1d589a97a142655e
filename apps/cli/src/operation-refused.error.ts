/**
 * An operation (backup, restore, demo data) that will not go ahead, for a reason the
 * person running it can act on. Its message is the whole answer: printed as it stands,
 * never with a stack trace.
 */
export class OperationRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OperationRefusedError';
  }
}
