import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { InputValidationError, type FieldError } from './problem';

/** Nested class-validator errors as flat `{field: "complainant.name", message}` pairs. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

/** Whitelisted DTOs: unknown fields are refused, not silently dropped. */
export const validationPipe = new ValidationPipe({
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  transform: true,
  validationError: { target: false, value: false },
  exceptionFactory: (errors) => new InputValidationError(flattenValidationErrors(errors)),
});
