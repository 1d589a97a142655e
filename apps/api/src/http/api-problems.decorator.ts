import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiResponse } from '@nestjs/swagger';
import { MAX_JSON_KEYS, MAX_JSON_OBJECT_KEYS } from './json-body.guard';
import { MAX_LISTED_ERRORS, PROBLEM_MEDIA_TYPE } from './problem';

class FieldErrorResponse {
  @ApiProperty({ example: 'complainant.name' }) field!: string;
  @ApiProperty() message!: string;
}

/** RFC 9457 problem details, as every error response carries them. */
export class ProblemResponse {
  @ApiProperty({ example: 'urn:clf:problem:escalation-window-closed' }) type!: string;
  @ApiProperty({ example: 'Refused by policy' }) title!: string;
  @ApiProperty({ example: 422 }) status!: number;
  @ApiProperty() detail!: string;
  @ApiProperty({
    example: 'escalation-window-closed',
    description: 'The rule or reason, for programs.',
  })
  code!: string;
  @ApiProperty({
    type: [FieldErrorResponse],
    required: false,
    description: 'For 400: each field at fault.',
  })
  errors?: FieldErrorResponse[];
  @ApiProperty({
    required: false,
    description: `For 400: how many more fields are at fault than the first ${MAX_LISTED_ERRORS} listed.`,
  })
  errorsLeftOff?: number;
  @ApiProperty({ required: false, description: 'For 412: the case’s current revision.' })
  currentRevision?: number;
}

const MEANING: Record<number, string> = {
  400: 'Malformed or invalid input (unknown fields are refused); `errors` lists each field.',
  401: 'No bearer token, or one that is expired, wrongly signed or unsigned.',
  403: 'Your role may not do this.',
  404: 'No such case, or not one you may see.',
  406: 'The Accept header allows none of the types this comes as (q-values are honoured).',
  409: 'The case’s state does not allow it (e.g. it is closed), or others are changing it right now.',
  412: 'If-Match names a revision the case is no longer at (or, on POST /cases, was sent at all).',
  413: `Body over 1 MB, or with more than ${MAX_JSON_KEYS} keys and array items in all or ${MAX_JSON_OBJECT_KEYS} keys in one object (\`too-many-json-keys\`, \`too-many-json-object-keys\`), or upload over 20 MB.`,
  415: 'A command body that is not JSON, or an upload that is not a file type a case may hold (checked from its content).',
  422: 'The policy refuses it (e.g. stage 3 requested after the window), or an Idempotency-Key reused for a different request.',
  503: 'The store or the identity provider cannot be reached, or (with X-CLF-Min-Position) the read models have not caught up within 5 s.',
};

export const ApiProblems = (...statuses: number[]) =>
  applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: MEANING[status],
        content: {
          [PROBLEM_MEDIA_TYPE]: { schema: { $ref: '#/components/schemas/ProblemResponse' } },
        },
      }),
    ),
  );
