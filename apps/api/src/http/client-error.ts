import { maxHeaderSize, STATUS_CODES, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { problem, PROBLEM_MEDIA_TYPE, type Problem } from './problem';

/** What Node's HTTP parser reports (`HPE_…` codes from llhttp, or its own timeouts). */
type ClientError = Error & { code?: string };

/** Node's refusal of a request it could not parse, as the problem the application would give. */
export function clientErrorProblem(error: ClientError): Problem {
  switch (error.code) {
    case 'HPE_HEADER_OVERFLOW':
      return problem(
        431,
        'headers-too-large',
        `The request line and headers are larger than the server accepts (${maxHeaderSize / 1024} kB in all).`,
      );
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return problem(408, 'request-timeout', 'The request did not arrive in time.');
    default:
      return problem(
        400,
        'malformed-request',
        'The request is not well-formed HTTP/1.1 (its request line, a header or its framing).',
      );
  }
}

/** A whole HTTP/1.1 response, as bytes for a socket that has no response object. */
export function rawProblemResponse(body: Problem): string {
  const json = JSON.stringify(body);
  return [
    `HTTP/1.1 ${body.status} ${STATUS_CODES[body.status] ?? ''}`,
    `Content-Type: ${PROBLEM_MEDIA_TYPE}`,
    `Content-Length: ${Buffer.byteLength(json)}`,
    'Cache-Control: no-store',
    'X-Content-Type-Options: nosniff',
    'Connection: close',
    '',
    json,
  ].join('\r\n');
}

/** The response Node has begun on this socket, if any (what its own default handler checks). */
const responseStarted = (socket: Duplex) =>
  (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent ===
  true;

/**
 * Node answers requests its parser refuses (431 headers too large, 400 malformed) itself,
 * with an empty body, before any middleware runs. Its `clientError` event is the one place
 * to answer them as problem+json — when the socket can still be written and no response
 * has begun on it; otherwise the connection is just closed.
 */
export function answerClientErrorsWithProblems(server: Server): void {
  server.on('clientError', (error: ClientError, socket: Duplex) => {
    if (error.code === 'ECONNRESET' || !socket.writable || responseStarted(socket)) {
      socket.destroy();
      return;
    }
    socket.end(rawProblemResponse(clientErrorProblem(error)));
  });
}
