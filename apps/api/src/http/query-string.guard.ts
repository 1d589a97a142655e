import type { NextFunction, Request, Response } from 'express';
import { InputValidationError, type FieldError } from './problem';

/** C0 controls (NUL, tab, newline, …), DEL and the C1 controls: never part of a search or a date. */
const CONTROL_CHARACTER = /\p{Cc}/u;
const CONTROL_CHARACTERS = /\p{Cc}/gu;

/** The parameters of a request target's query string that hold a control character. */
export function controlCharacterErrors(url: string): FieldError[] {
  const start = url.indexOf('?');
  if (start === -1) return [];
  const fields = new Set<string>();
  for (const [name, value] of new URLSearchParams(url.slice(start + 1)))
    if (CONTROL_CHARACTER.test(name) || CONTROL_CHARACTER.test(value))
      fields.add(name.replace(CONTROL_CHARACTERS, '\uFFFD'));
  return [...fields].map((field) => ({
    field,
    message: `${field} must not contain a control character (U+0000–U+001F, U+007F–U+009F)`,
  }));
}

/**
 * Express middleware before every route: one check for every query parameter of every
 * endpoint, so no filter, search or date parser ever sees a control character. The
 * refusal goes to the error handler that answers for everything before the routes.
 */
export function refuseControlCharacters(request: Request, _: Response, next: NextFunction) {
  const errors = controlCharacterErrors(request.originalUrl);
  next(errors.length === 0 ? undefined : new InputValidationError(errors));
}
