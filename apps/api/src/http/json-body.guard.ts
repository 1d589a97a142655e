import type { NextFunction, Request, Response } from 'express';
import { problem, PROBLEM_MEDIA_TYPE, type FieldError } from './problem';

/** Deeper than any request of the contract; much deeper would overflow the validator's stack. */
export const MAX_JSON_DEPTH = 16;

/** Names that are not data: `__proto__`, `constructor`, `toString`, … would be dropped silently otherwise. */
const RESERVED_KEYS = new Set([
  '__proto__',
  'prototype',
  ...Object.getOwnPropertyNames(Object.prototype),
]);

/** What is wrong with a parsed JSON body's shape, before validation looks at its fields. */
export function jsonShapeErrors(body: unknown): FieldError[] {
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    return [{ field: '(body)', message: 'The body must be a JSON object, e.g. {"text": "…"}' }];
  const errors: FieldError[] = [];
  const stack: Array<{ value: unknown; path: string; depth: number }> = [
    { value: body, path: '', depth: 1 },
  ];
  while (stack.length > 0 && errors.length < 10) {
    const { value, path, depth } = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (depth > MAX_JSON_DEPTH) {
      errors.push({
        field: path || '(body)',
        message: `nested more than ${MAX_JSON_DEPTH} levels deep`,
      });
      continue;
    }
    for (const key of Object.keys(value)) {
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

/** Express middleware after the JSON parser: refuses bodies the validator should never see. */
export function guardJsonBody(request: Request, response: Response, next: NextFunction) {
  if (request.method !== 'POST' || !request.is(['application/json', 'application/*+json']))
    return next();
  const errors = jsonShapeErrors(request.body);
  if (errors.length === 0) return next();
  const body = problem(400, 'validation-failed', 'The request has invalid fields.', { errors });
  response.status(400).type(PROBLEM_MEDIA_TYPE).send(JSON.stringify(body));
}
