import { Controller } from '@nestjs/common';
import { API_PREFIX } from '../api-prefix';

/**
 * A controller of the HTTP API: its routes live under `/api/v1`, leaving `/` to the staff
 * console. A per-controller prefix rather than Nest's global one, because the console's
 * addresses (`/cases/<reference>`) mirror the API's and a global exclusion would catch both.
 */
export const ApiController = (path: string): ClassDecorator => Controller(`${API_PREFIX}/${path}`);
