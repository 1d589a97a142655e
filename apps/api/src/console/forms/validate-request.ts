import type { Type } from '@nestjs/common';
import { validationPipe } from '../../http/validation.pipe';

/**
 * A form's input checked by exactly the rules the API checks the same request with (its
 * request class and validation pipe): throws the same InputValidationError, naming the
 * API's field paths (`complainant.email`).
 */
export function validateRequest<T extends object>(requestClass: Type<T>, body: object): Promise<T> {
  return validationPipe.transform(body, { type: 'body', metatype: requestClass }) as Promise<T>;
}
