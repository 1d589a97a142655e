import type { RecordEmailDelivered, RecordEmailFailed, SendLetter } from '../case.commands';
import { InvalidCommandError, PolicyRuleError } from '../case.errors';
import type { CaseEvent } from '../case.events';
import type { Case, CaseState, SentLetter } from '../case.state';
import { requireCase, type DecisionContext } from './decision-context';

/**
 * The WHATWG "valid e-mail address" (what a browser's `type=email` accepts): an address
 * that fails it is refused when the letter is written, not discovered when it is sent.
 */
const WELL_FORMED_EMAIL =
  /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;
export const MAX_EMAIL_LENGTH = 254;

export const isWellFormedEmail = (address: string) =>
  address.length <= MAX_EMAIL_LENGTH && WELL_FORMED_EMAIL.test(address);

/** Who the letter is to: a representative only once their authority is recorded. */
function addressee(found: Case, command: SendLetter): { name: string; email: string | null } {
  const { addressedTo } = command.data;
  if (addressedTo === 'complainant') {
    return { name: found.complainant.name, email: found.complainant.email ?? null };
  }
  if (!found.representative) {
    throw new InvalidCommandError(
      'addressedTo',
      'no-representative',
      'This case has no representative.',
    );
  }
  if (!found.representativeAuthorised) {
    throw new PolicyRuleError(
      'representative-not-authorised',
      `${found.representative.name}'s authority to act for ${found.complainant.name} is not recorded: nothing may be sent to them until it is.`,
    );
  }
  return { name: found.representative.name, email: found.representative.email ?? null };
}

function emailAddress(command: SendLetter, recorded: string | null): string | null {
  const email = command.data.email ?? recorded;
  if (!command.data.channels.includes('email')) return email;
  if (email === null) {
    throw new PolicyRuleError(
      'no-email-address',
      'No e-mail address is known for the addressee: give one, or send the letter by post.',
    );
  }
  if (!isWellFormedEmail(email)) {
    throw new InvalidCommandError('email', 'invalid-email', `${email} is not an e-mail address.`);
  }
  return email;
}

function checkChannels(command: SendLetter): void {
  const { channels, printed } = command.data;
  if (channels.length === 0 || new Set(channels).size !== channels.length) {
    throw new InvalidCommandError(
      'channels',
      'invalid-channels',
      'Choose e-mail, post or both, once each.',
    );
  }
  if (channels.includes('post') !== (printed !== undefined)) {
    throw new InvalidCommandError(
      'channels',
      'printed-letter-mismatch',
      'A letter goes by post exactly when its printed copy is stored with it.',
    );
  }
}

/** Sending the same letter (the same id) again changes nothing: a retried request is one letter. */
export function sendLetter(
  command: SendLetter,
  state: CaseState,
  context: DecisionContext,
): CaseEvent[] {
  const found = requireCase(state);
  const { letterId, template, channels, addressedTo, subject, body, printed } = command.data;
  if (found.letters.some((letter) => letter.id === letterId)) return [];
  checkChannels(command);
  const to = addressee(found, command);
  const occurredAt = context.now.toISOString();
  const sent: CaseEvent = {
    type: 'CorrespondenceSent',
    occurredAt,
    data: {
      letterId,
      template,
      channels,
      addressedTo,
      to: { name: to.name, email: emailAddress(command, to.email) },
      subject,
      body,
      ...(printed && { documentId: printed.documentId }),
    },
  };
  if (!printed || found.documents.some((d) => d.id === printed.documentId)) return [sent];
  return [{ type: 'DocumentAttached', occurredAt, data: { ...printed } }, sent];
}

/** A letter whose e-mail is still to go; null once its fate is recorded (so it is recorded once). */
function waitingLetter(found: Case, letterId: string): SentLetter | null {
  const letter = found.letters.find((l) => l.id === letterId);
  if (!letter) {
    throw new InvalidCommandError(
      'letterId',
      'unknown-letter',
      `No letter ${letterId} was sent on this case.`,
    );
  }
  return letter.emailDelivery === 'waiting' ? letter : null;
}

export function recordEmailDelivered(
  command: RecordEmailDelivered,
  state: CaseState,
  context: DecisionContext,
): CaseEvent[] {
  const { letterId, messageId } = command.data;
  if (!waitingLetter(requireCase(state), letterId)) return [];
  const at = context.now.toISOString();
  return [{ type: 'EmailDelivered', occurredAt: at, data: { letterId, messageId, at } }];
}

export function recordEmailFailed(
  command: RecordEmailFailed,
  state: CaseState,
  context: DecisionContext,
): CaseEvent[] {
  const { letterId, reason, attempts } = command.data;
  if (!waitingLetter(requireCase(state), letterId)) return [];
  return [
    {
      type: 'EmailFailed',
      occurredAt: context.now.toISOString(),
      data: { letterId, reason, attempts },
    },
  ];
}
