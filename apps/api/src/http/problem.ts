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
  406: 'Not acceptable',
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

/** What a problem document may add to its status, code and detail. */
export type ProblemExtras = Partial<Pick<Problem, 'errors' | 'currentRevision'>>;

/**
 * A refusal by the application (not the domain's rules, not the framework's parsing): the
 * status and code it answers with, and what else the response carries. The problem filter
 * answers every one of them alike.
 */
export class ApiProblemError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extras: ProblemExtras & {
      /** The response's detail, when it is not the message (which names the fields at fault). */
      detail?: string;
      /** Seconds after which asking again may succeed: `Retry-After`. */
      retryAfterSeconds?: number;
    } = {},
  ) {
    super(message);
    this.name = new.target.name;
  }

  toProblem(): Problem {
    const { detail = this.message, retryAfterSeconds: _, ...extras } = this.extras;
    return problem(this.status, this.code, detail, extras);
  }
}

/** Input that failed validation: 400 with every field at fault. */
export class InputValidationError extends ApiProblemError {
  constructor(readonly errors: FieldError[]) {
    super(400, 'validation-failed', errors.map((e) => `${e.field}: ${e.message}`).join('; '), {
      detail: 'The request has invalid fields.',
      errors,
    });
  }
}

/**
 * A JSON body with more keys (and array items) in all, or in one object, than any request
 * needs: refused before validation, which would take seconds over tens of thousands.
 */
export class JsonKeyBudgetError extends ApiProblemError {
  constructor(
    readonly over: 'body' | 'object',
    readonly limit: number,
    readonly field = '(body)',
  ) {
    super(
      413,
      over === 'body' ? 'too-many-json-keys' : 'too-many-json-object-keys',
      over === 'body'
        ? `The body holds more than ${limit} keys and array items in all; no request needs that many.`
        : `${shortened(field, MAX_QUOTED_FIELD)} holds more than ${limit} keys; no request object needs that many.`,
    );
  }
}

/** `If-Match` names a revision the case is no longer at. */
export class StaleRevisionError extends ApiProblemError {
  constructor(
    readonly expected: string,
    readonly currentRevision: number,
  ) {
    super(
      412,
      'stale-revision',
      `If-Match expected revision ${expected} but the case is at revision ${currentRevision}: reload it and try again.`,
      { currentRevision },
    );
  }
}

/**
 * The case changed while a command without `If-Match` was being recorded, so that the
 * command would now do something other than what it did when first decided.
 */
export class CaseChangedError extends ApiProblemError {
  constructor(readonly currentRevision: number) {
    super(
      409,
      'case-changed',
      `The case changed while your request was being recorded (it is now at revision ${currentRevision}), and the request would no longer do what it did when you sent it. Look at the case again and, if it is still needed, send it again.`,
      { currentRevision },
    );
  }
}

/** `Accept` names no type the resource comes in (q-values honoured; `q=0` refuses a type). */
export class NotAcceptableError extends ApiProblemError {
  constructor(readonly offered: readonly string[]) {
    super(
      406,
      'not-acceptable',
      `This comes as ${offered.join(', ')}; the Accept header allows none of them.`,
    );
  }
}

/** An upload in a format the case cannot hold. */
export class UnsupportedUploadError extends ApiProblemError {
  constructor(message: string) {
    super(415, 'unsupported-file-type', message);
  }
}

/** As many uploads as the server takes at once are under way. */
export class UploadsBusyError extends ApiProblemError {
  constructor(readonly retryAfterSeconds: number) {
    super(
      503,
      'uploads-busy',
      `The server is receiving as many uploads as it takes at once; send this one again in ${retryAfterSeconds} seconds.`,
      { retryAfterSeconds },
    );
  }
}

/** A document that would take a case past the room it has for documents. */
export class CaseDocumentsQuotaError extends ApiProblemError {
  constructor(
    readonly quotaBytes: number,
    readonly usedBytes: number,
  ) {
    super(
      413,
      'case-documents-quota',
      `This case may hold at most ${megabytes(quotaBytes)} of documents and already holds ${megabytes(usedBytes)}; this file would take it past that limit. Documents stay on a case once attached: attach a smaller file, or ask an administrator to raise CLF_DOCUMENTS_PER_CASE_MB.`,
    );
  }
}

const MEGABYTE = 1024 * 1024;
const megabytes = (bytes: number) =>
  `${Number.isInteger(bytes / MEGABYTE) ? bytes / MEGABYTE : (bytes / MEGABYTE).toFixed(1)} MB`;

/** The read models have not reached the position the caller asked for in time. */
export class ReadModelBehindError extends ApiProblemError {
  constructor(position: string) {
    super(
      503,
      'read-model-behind',
      `The queues and reports have not caught up with position ${position} within 5 seconds; try again.`,
    );
  }
}

/** If-Match sent when creating: there is no case yet for it to match. */
export class NoCaseToMatchError extends ApiProblemError {
  constructor() {
    super(
      412,
      'no-case-to-match',
      'If-Match names a version of an existing case; a new case has none. Send POST /cases without it.',
    );
  }
}
