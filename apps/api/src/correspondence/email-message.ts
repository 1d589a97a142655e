import type { CorrespondenceSent } from '#domain';

/** What the mail transport sends: one letter's e-mail. */
export interface EmailMessage {
  from: string;
  to: { name: string; address: string };
  subject: string;
  text: string;
  /** From the letter's id: a resend after a crash is recognisably the same message. */
  messageId: string;
}

/** The Message-ID of a letter's e-mail: `<letter id@host>`, the host being the console's. */
export const messageIdOf = (letterId: string, host: string) => `<${letterId}@${host}>`;

/** The e-mail of a letter sent by e-mail; null for one that went by post only. */
export function emailOf(
  sent: CorrespondenceSent,
  settings: { from: string; host: string },
): EmailMessage | null {
  const { letterId, channels, to, subject, body } = sent.data;
  if (!channels.includes('email') || to.email === null) return null;
  return {
    from: settings.from,
    to: { name: to.name, address: to.email },
    subject,
    text: body,
    messageId: messageIdOf(letterId, settings.host),
  };
}
