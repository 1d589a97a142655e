import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { InputValidationError, type FieldError } from './problem';

/**
 * Nested class-validator errors as flat `{field: "complainant.name", message}` pairs, one
 * per field: "is required" for a missing one, else what its value breaks.
 */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const messages = Object.values(error.constraints ?? {});
    const missing =
      error.value === undefined &&
      messages.length > 0 &&
      !('whitelistValidation' in (error.constraints ?? {}));
    const own =
      messages.length === 0
        ? []
        : [{ field, message: missing ? `${field} is required` : messages.join('; ') }];
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

/** Whitelisted DTOs: unknown fields are refused, not silently dropped. */
export const validationPipe = new ValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  transform: true,
  // The value is read to tell a missing field from a wrong one; it never reaches the response.
  validationError: { target: false, value: true },
  exceptionFactory: (errors) => new InputValidationError(flattenValidationErrors(errors)),
});
