import {
  Catch,
  HttpException,
  Logger,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import { PersonalDataErasedError } from '#personal-data';
import type { Request, Response } from 'express';
import { DomainError, type DomainErrorKind } from '#domain';
import { AppendTooLargeError, ConcurrencyError, EventStoreUnavailableError } from '#event-store';
import { ReadModelsNotReadyError } from '#read-models';
import { servesConsole } from '../console/console-app';
import { isConsoleRequest, sendErrorPage } from '../console/pages/error-page';
import { NotSignedInError } from '../console/sessions/console.errors';
import { ApiProblemError, problem, PROBLEM_MEDIA_TYPE, type Problem } from './problem';

const STATUS_OF_KIND: Record<DomainErrorKind, number> = {
  invalid: 400,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  rule: 422,
};

/** Errors thrown by Express's body parser (http-errors), before any route runs. */
interface BodyParserError {
  type?: string;
  status: number;
}
const isBodyParserError = (error: unknown): error is BodyParserError => {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' && status >= 400 && status < 500;
};

function fromBodyParser(error: BodyParserError): Problem {
  switch (error.type) {
    case 'entity.parse.failed':
      return problem(400, 'malformed-json', 'The request body is not valid JSON.');
    case 'entity.too.large':
      return problem(413, 'body-too-large', 'The request body is larger than 1 MB.');
    case 'charset.unsupported':
    case 'encoding.unsupported':
      return problem(415, 'unsupported-encoding', 'Send the body as UTF-8 JSON.');
    default:
      return error.status === 400
        ? problem(
            400,
            'unreadable-body',
            'The request body could not be read (is its Content-Encoding right?).',
          )
        : problem(error.status, `http-${error.status}`, 'The request body could not be read.');
  }
}

/** Multer's and busboy's refusals, in words for the person uploading. */
const UPLOAD_PROBLEMS: Record<string, [code: string, detail: string]> = {
  LIMIT_FIELD_COUNT: ['unexpected-form-field', 'Send only the file, in a form field named "file".'],
  LIMIT_FIELD_KEY: ['unexpected-form-field', 'Send only the file, in a form field named "file".'],
  LIMIT_FIELD_VALUE: ['unexpected-form-field', 'Send only the file, in a form field named "file".'],
  LIMIT_UNEXPECTED_FILE: ['unexpected-file-field', 'Send one file, in a form field named "file".'],
  LIMIT_FILE_COUNT: ['unexpected-file-field', 'Send one file, in a form field named "file".'],
  LIMIT_PART_COUNT: ['unexpected-form-field', 'Send only the file, in a form field named "file".'],
  MISSING_FIELD_NAME: ['unexpected-form-field', 'Send the file in a form field named "file".'],
};

function fromUpload(exception: HttpException): Problem | null {
  const cause = exception.cause as { code?: unknown; message?: unknown } | undefined;
  const known = typeof cause?.code === 'string' ? UPLOAD_PROBLEMS[cause.code] : undefined;
  if (known) return problem(400, known[0], known[1]);
  if (exception.getStatus() === 400 && /^Multipart|boundary/i.test(exception.message))
    return problem(
      400,
      'malformed-upload',
      'The upload was cut short or is not well-formed multipart; send it again.',
    );
  if (exception.getStatus() === 400 && exception.message.startsWith('Failed to decode param'))
    return problem(400, 'malformed-address', 'The address has malformed %-encoding.');
  return null;
}

/**
 * What busboy (multer's parser) throws, as a plain Error and before multer can wrap it,
 * for a multipart Content-Type it cannot read (a bad or missing boundary).
 */
const MULTIPART_HEADER_REFUSALS =
  /^(Malformed content type|Unsupported content type|Multipart: Boundary not found)/;

const isMultipartHeaderRefusal = (error: unknown) =>
  error instanceof Error &&
  MULTIPART_HEADER_REFUSALS.test(error.message) &&
  /node_modules[/\\]busboy[/\\]/.test(error.stack ?? '');

/** multer's word for an upload whose client went away before sending all of it. */
const isUploadCutOff = (error: unknown) =>
  error instanceof Error &&
  /^Request (aborted|closed)$/.test(error.message) &&
  /node_modules[/\\]multer[/\\]/.test(error.stack ?? '');

function fromHttpException(exception: HttpException): Problem {
  const upload = fromUpload(exception);
  if (upload) return upload;
  const status = exception.getStatus();
  const response = exception.getResponse();
  const message =
    typeof response === 'string'
      ? response
      : ((response as { message?: unknown }).message ?? exception.message);
  const detail = Array.isArray(message) ? message.join('; ') : String(message);
  const code =
    status === 401
      ? 'unauthenticated'
      : status === 404
        ? 'not-found'
        : status === 413
          ? 'upload-too-large'
          : `http-${status}`;
  return problem(status, code, detail);
}

/** The domain's refusals: each kind of rule answers with one status. */
function fromDomain(exception: DomainError): Problem {
  const errors = exception.field
    ? [{ field: exception.field, message: exception.message }]
    : undefined;
  return problem(STATUS_OF_KIND[exception.kind], exception.code, exception.message, { errors });
}

/**
 * The application's refusals, and what the stores under it throw, as the problem each
 * means to a caller.
 */
function fromApplication(exception: unknown): Problem | null {
  if (exception instanceof ApiProblemError) return exception.toProblem();
  if (exception instanceof ConcurrencyError)
    return problem(
      409,
      'concurrent-changes',
      'Others are changing this case right now; try again.',
    );
  if (exception instanceof AppendTooLargeError)
    return problem(
      413,
      'too-large-to-record',
      'What this request would record is larger than the event store takes at once; send less text.',
    );
  if (exception instanceof PersonalDataErasedError)
    return problem(
      409,
      'case-erased',
      'This case’s personal data was erased; nothing personal can be recorded on it.',
    );
  if (exception instanceof ReadModelsNotReadyError)
    return problem(503, 'read-models-not-ready', exception.message);
  if (exception instanceof EventStoreUnavailableError)
    return problem(
      503,
      'store-unavailable',
      'The event store cannot be reached; try again shortly.',
    );
  return null;
}

/** Nest's, Express's, multer's and busboy's refusals, before or around our own code. */
function fromFramework(exception: unknown): Problem {
  if (exception instanceof HttpException) return fromHttpException(exception);
  if (isBodyParserError(exception)) return fromBodyParser(exception);
  if (isUploadCutOff(exception))
    return problem(400, 'upload-cut-off', 'The upload ended before the whole file arrived.');
  if (isMultipartHeaderRefusal(exception))
    return problem(
      400,
      'malformed-upload',
      'The Content-Type names no usable multipart boundary: send the file as multipart/form-data.',
    );
  return problem(500, 'internal-error', 'Something went wrong on our side; it has been logged.');
}

/**
 * The one place an error becomes a response: RFC 9457 problem+json for the API, the same
 * problem as a page for the console; never a stack trace.
 */
export function toProblem(exception: unknown): Problem {
  if (exception instanceof NotSignedInError)
    return problem(401, 'unauthenticated', exception.message);
  if (exception instanceof DomainError) return fromDomain(exception);
  return fromApplication(exception) ?? fromFramework(exception);
}

@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const request = host.switchToHttp().getRequest<Request>();
    const body = toProblem(exception);
    // A 503 is a known, passing condition (read models behind, shutting down): a warning
    // saying which. Anything else at 500 is a fault of ours, logged with its stack.
    if (body.status === 503)
      this.logger.warn({ msg: 'Service unavailable', type: body.type, detail: body.detail });
    else if (body.status >= 500)
      this.logger.error(exception instanceof Error ? exception.stack : exception);
    const retryAfter = exception instanceof ApiProblemError && exception.extras.retryAfterSeconds;
    if (retryAfter) response.setHeader('Retry-After', String(retryAfter));
    if (response.headersSent) {
      response.end();
      return;
    }
    if (isConsoleRequest(request) && servesConsole(request.app)) {
      sendErrorPage(exception, body, response);
      return;
    }
    if (body.status === 401) response.setHeader('WWW-Authenticate', 'Bearer');
    response.status(body.status).type(PROBLEM_MEDIA_TYPE).send(JSON.stringify(body));
  }
}
