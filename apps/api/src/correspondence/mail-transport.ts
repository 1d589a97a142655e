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
    async send(message) {
      await transport.sendMail({
        from: message.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        messageId: message.messageId,
      });
    },
    close: () => transport.close(),
  };
}
