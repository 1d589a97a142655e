import type { NextFunction, Request, Response } from 'express';
import { InputValidationError, JsonKeyBudgetError, type FieldError } from './problem';

/** Deeper than any request of the contract; much deeper would overflow the validator's stack. */
export const MAX_JSON_DEPTH = 16;

/**
 * Keys and array items in a whole body. The largest request (a new case with every field,
 * a representative and ten categories) has about 40; validating tens of thousands of
 * unknown keys would hold the event loop for seconds and answer megabytes.
 */
export const MAX_JSON_KEYS = 500;

/** Keys in any one object: the widest request object has 16 fields. */
export const MAX_JSON_OBJECT_KEYS = 50;

/** Names that are not data: `__proto__`, `constructor`, `toString`, … would be dropped silently otherwise. */
const RESERVED_KEYS = new Set([
  '__proto__',
  'prototype',
  ...Object.getOwnPropertyNames(Object.prototype),
]);

/**
 * Checks a parsed JSON body's shape before validation looks at its fields: throws
 * `JsonKeyBudgetError` at the first object or body over its key budget (the walk stops
 * there, so it costs at most a budget's worth of work), and returns what else is wrong.
 */
export function jsonShapeErrors(body: unknown): FieldError[] {
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    return [{ field: '(body)', message: 'The body must be a JSON object, e.g. {"text": "…"}' }];
  const errors: FieldError[] = [];
  const stack: Array<{ value: unknown; path: string; depth: number }> = [
    { value: body, path: '', depth: 1 },
  ];
  let members = 0;
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (depth > MAX_JSON_DEPTH) {
      errors.push({
        field: path || '(body)',
        message: `nested more than ${MAX_JSON_DEPTH} levels deep`,
      });
      continue;
    }
    const keys = Object.keys(value);
    if (!Array.isArray(value) && keys.length > MAX_JSON_OBJECT_KEYS)
      throw new JsonKeyBudgetError('object', MAX_JSON_OBJECT_KEYS, path || undefined);
    members += keys.length;
    if (members > MAX_JSON_KEYS) throw new JsonKeyBudgetError('body', MAX_JSON_KEYS);
    for (const key of keys) {
      const field = path ? `${path}.${key}` : key;
      if (RESERVED_KEYS.has(key))
        errors.push({ field, message: `property ${key} should not exist` });
      else
        stack.push({
          value: (value as Record<string, unknown>)[key],
          path: field,
          depth: depth + 1,
        });
    }
  }
  return errors;
}

/**
 * Express middleware after the JSON parser: refuses bodies the validator should never see,
 * passing the error on to the handler that answers the body parser's own.
 */
export function guardJsonBody(request: Request, _: Response, next: NextFunction) {
  if (request.method !== 'POST' || !request.is(['application/json', 'application/*+json']))
    return next();
  try {
    const errors = jsonShapeErrors(request.body);
    next(errors.length === 0 ? undefined : new InputValidationError(errors));
  } catch (error) {
    next(error);
  }
}
