/** An RFC 9457 problem document, as every error response carries it. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  /** The rule or reason, for programs: `escalation-window-closed`, `validation-failed`. */
  code: string;
  /** For invalid input: each field at fault. */
  errors?: FieldError[];
  /** For invalid input with more than `MAX_LISTED_ERRORS` fields at fault: how many are not listed. */
  errorsLeftOff?: number;
  /** For 412: the case's current revision. */
  currentRevision?: number;
}

export interface FieldError {
  field: string;
  message: string;
}

/** A problem lists this many fields at fault at most: a response stays short whatever was sent. */
export const MAX_LISTED_ERRORS = 20;

export const PROBLEM_MEDIA_TYPE = 'application/problem+json';

export const problemType = (code: string) => `urn:clf:problem:${code}`;

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  408: 'Request timeout',
  409: 'Conflict',
  412: 'Precondition failed',
  413: 'Content too large',
  415: 'Unsupported media type',
  431: 'Request header fields too large',
  422: 'Refused by policy',
  500: 'Internal server error',
  503: 'Service unavailable',
};

/** Where the status's title would mislead. */
const TITLES_BY_CODE: Record<string, string> = {
  'idempotency-key-reused': 'Idempotency key reused',
  'concurrent-changes': 'Conflict with concurrent changes',
  'case-changed': 'The case changed meanwhile',
};

/** A field name or message quoted from the request: a crafted key can be 200 kB long. */
const MAX_QUOTED_FIELD = 100;
const MAX_QUOTED_MESSAGE = 300;

const shortened = (text: string, max: number) =>
  text.length <= max ? text : `${text.slice(0, max - 1)}…`;

const listed = ({ field, message }: FieldError): FieldError => ({
  field: shortened(field, MAX_QUOTED_FIELD),
  message: shortened(message, MAX_QUOTED_MESSAGE),
});

export function problem(
  status: number,
  code: string,
  detail: string,
  { errors, ...extra }: Partial<Pick<Problem, 'errors' | 'currentRevision'>> = {},
): Problem {
  const leftOff = Math.max(0, (errors?.length ?? 0) - MAX_LISTED_ERRORS);
  return {
    type: problemType(code),
    title: TITLES_BY_CODE[code] ?? TITLES[status] ?? 'Error',
    status,
    detail:
      leftOff > 0
        ? `${detail} The first ${MAX_LISTED_ERRORS} are listed, ${leftOff} more are not.`
        : detail,
    code,
    ...(errors && { errors: errors.slice(0, MAX_LISTED_ERRORS).map(listed) }),
    ...(leftOff > 0 && { errorsLeftOff: leftOff }),
    ...extra,
  };
}

/** Input that failed validation: 400 with every field at fault. */
export class InputValidationError extends Error {
  constructor(readonly errors: FieldError[]) {
    super(errors.map((e) => `${e.field}: ${e.message}`).join('; '));
    this.name = 'InputValidationError';
  }
}

/**
 * A JSON body with more keys (and array items) in all, or in one object, than any request
 * needs: refused before validation, which would take seconds over tens of thousands.
 */
export class JsonKeyBudgetError extends Error {
  constructor(
    readonly over: 'body' | 'object',
    readonly limit: number,
    readonly field = '(body)',
  ) {
    super(
      over === 'body'
        ? `The body holds more than ${limit} keys and array items in all; no request needs that many.`
        : `${shortened(field, MAX_QUOTED_FIELD)} holds more than ${limit} keys; no request object needs that many.`,
    );
    this.name = 'JsonKeyBudgetError';
  }
}

/** `If-Match` names a revision the case is no longer at. */
export class StaleRevisionError extends Error {
  constructor(
    readonly expected: string,
    readonly currentRevision: number,
  ) {
    super(
      `If-Match expected revision ${expected} but the case is at revision ${currentRevision}: reload it and try again.`,
    );
    this.name = 'StaleRevisionError';
  }
}

/**
 * The case changed while a command without `If-Match` was being recorded, so that the
 * command would now do something other than what it did when first decided.
 */
export class CaseChangedError extends Error {
  constructor(readonly currentRevision: number) {
    super(
      `The case changed while your request was being recorded (it is now at revision ${currentRevision}), and the request would no longer do what it did when you sent it. Look at the case again and, if it is still needed, send it again.`,
    );
    this.name = 'CaseChangedError';
  }
}

/** An upload in a format the case cannot hold. */
export class UnsupportedUploadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsupportedUploadError';
  }
}

/** As many uploads as the server takes at once are under way. */
export class UploadsBusyError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(
      `The server is receiving as many uploads as it takes at once; send this one again in ${retryAfterSeconds} seconds.`,
    );
    this.name = 'UploadsBusyError';
  }
}

/** A document that would take a case past the room it has for documents. */
export class CaseDocumentsQuotaError extends Error {
  constructor(
    readonly quotaBytes: number,
    readonly usedBytes: number,
  ) {
    super(
      `This case may hold at most ${megabytes(quotaBytes)} of documents and already holds ${megabytes(usedBytes)}; this file would take it past that limit. Documents stay on a case once attached: attach a smaller file, or ask an administrator to raise CLF_DOCUMENTS_PER_CASE_MB.`,
    );
    this.name = 'CaseDocumentsQuotaError';
  }
}

const MEGABYTE = 1024 * 1024;
const megabytes = (bytes: number) =>
  `${Number.isInteger(bytes / MEGABYTE) ? bytes / MEGABYTE : (bytes / MEGABYTE).toFixed(1)} MB`;

/** The read models have not reached the position the caller asked for in time. */
export class ReadModelBehindError extends Error {
  constructor(position: string) {
    super(
      `The queues and reports have not caught up with position ${position} within 5 seconds; try again.`,
    );
    this.name = 'ReadModelBehindError';
  }
}

/** If-Match sent when creating: there is no case yet for it to match. */
export class NoCaseToMatchError extends Error {
  constructor() {
    super(
      'If-Match names a version of an existing case; a new case has none. Send POST /cases without it.',
    );
    this.name = 'NoCaseToMatchError';
  }
}
