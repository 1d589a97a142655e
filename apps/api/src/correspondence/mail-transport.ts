import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import type { EmailMessage } from './email-message';

/** Hands an e-mail to the mail server; rejects with the server's reason if it is not taken. */
export interface MailTransport {
  send(message: EmailMessage): Promise<void>;
  close(): void;
}

/** A refusal the server means for good (5xx): trying again would be refused again. */
export function isPermanentRefusal(error: unknown): boolean {
  const code = (error as { responseCode?: unknown }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

/**
 * The server as CLF_SMTP_URL names it, with timeouts so a silent server cannot hold a letter;
 * one pooled connection kept open between messages, since the dispatcher sends one at a time.
 */
export function smtpTransport(url: string): MailTransport {
  const transport = nodemailer.createTransport({
    url,
    pool: true,
    maxConnections: 1,
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
  });
  return {
    send: async (message) => void (await transport.sendMail(mailOf(message))),
    close: () => transport.close(),
  };
}

const mailOf = (message: EmailMessage) => ({
  from: message.from,
  to: message.to,
  subject: message.subject,
  text: message.text,
  messageId: message.messageId,
});

/**
 * A folder for a mailbox, where no mail server is (the demo): each message written as an
 * `.eml` file any mail program opens, named from its Message-ID so a resend overwrites it.
 */
export function mailboxTransport(folder: string): MailTransport {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true });
  return {
    async send(message) {
      const written = await transport.sendMail(mailOf(message));
      const name = createHash('sha256').update(message.messageId).digest('hex').slice(0, 32);
      await mkdir(folder, { recursive: true, mode: 0o700 });
      await writeFile(join(folder, `${name}.eml`), written.message as Buffer, { mode: 0o600 });
    },
    close: () => transport.close(),
  };
}
