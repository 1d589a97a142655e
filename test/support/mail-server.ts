import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface MailServer {
  /** CLF_SMTP_URL for it. */
  url: string;
  /** The messages it accepted, parsed back. */
  received: ParsedMail[];
  /** Every message offered, accepted or refused. */
  attempts: number;
  close(): Promise<void>;
}

/**
 * A real SMTP server on loopback, for the dispatcher's tests: accepts every message, or
 * refuses the first `refuse` offered (all of them with `Infinity`) with `code`: by default a
 * temporary 451, or a permanent 5xx that ends the letter's tries at once.
 */
export async function startMailServer({ refuse = 0, code = 451 } = {}): Promise<MailServer> {
  const server: MailServer = {
    url: '',
    received: [],
    attempts: 0,
    close: () => new Promise((resolve) => smtp.close(() => resolve())),
  };
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, done) {
      server.attempts += 1;
      const refused = server.attempts <= refuse;
      simpleParser(stream)
        .then((parsed) => {
          if (refused) {
            const error = Object.assign(new Error('Try again later'), { responseCode: code });
            return done(error);
          }
          server.received.push(parsed);
          done();
        })
        .catch((error: Error) => done(error));
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
  const { port } = smtp.server.address() as AddressInfo;
  server.url = `smtp://127.0.0.1:${port}`;
  return server;
}
