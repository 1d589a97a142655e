import { MongoServerError, MongoServerSelectionError } from 'mongodb';
import { isPassingMongoFailure } from './mongo-failures';
import * as driver from './testing/driver-errors';

describe('isPassingMongoFailure, given the errors the MongoDB driver throws', () => {
  it.each([
    ['a network error', driver.networkFailure],
    ['a primary step-down', driver.notWritablePrimary],
    ['a write-concern error', driver.writeConcernFailure],
    ['no server to select', () => new MongoServerSelectionError('no primary', {} as never)],
    [
      'a bulk write wrapping a network error',
      () => driver.bulkCommandFailure(driver.networkFailure()),
    ],
    [
      'a bulk write wrapping a step-down',
      () => driver.bulkCommandFailure(driver.notWritablePrimary()),
    ],
    ['a bulk write that missed its write concern', driver.bulkWriteConcernFailure],
  ])('counts %s as passing', (_, failure) => {
    expect(isPassingMongoFailure(failure())).toBe(true);
  });

  it.each([
    [
      'a refused document in a bulk write',
      () => driver.bulkWriteFailure([driver.DUPLICATE_KEY, 2]),
    ],
    ['a bad command', () => new MongoServerError({ message: 'BadValue', code: 2 })],
    ['an error of our own code', () => new TypeError('x is undefined')],
  ])('counts %s as lasting', (_, failure) => {
    expect(isPassingMongoFailure(failure())).toBe(false);
  });
});
