import type { CaseCommand } from './case.commands';
import type { Instant } from './case.model';

type CommandOf<Type extends CaseCommand['type']> = Extract<CaseCommand, { type: Type }>;

/** The optional instant fields of a command's data: those a caller may leave to default to now. */
type InstantFieldOf<Command extends CaseCommand> = {
  [Field in keyof Command['data']]-?: undefined extends Command['data'][Field]
    ? Command['data'][Field] extends Instant | undefined
      ? Field
      : never
    : never;
}[keyof Command['data']];

/**
 * Which field of each command says when its act happened in the world (a letter's
 * arrival, a call), or null for a command that happens when it is recorded. The decisions
 * date their events by it, and a person's command catches up the scheduled work due by it.
 */
export const BUSINESS_TIME_FIELD: {
  readonly [Type in CaseCommand['type']]: InstantFieldOf<CommandOf<Type>> | null;
} = {
  ReceiveCase: 'receivedAt',
  AcknowledgeCase: 'at',
  AssignOwner: null,
  EscalateCase: 'requestReceivedAt',
  RespondToCase: 'at',
  // Recorded when decided: when the complainant was told is a fact it records, not its time.
  ExtendDeadline: null,
  RecordCorrespondence: 'receivedAt',
  AddNote: null,
  AttachDocument: null,
  RecordRepresentativeAuthorisation: 'receivedAt',
  RecordGuardianNotification: 'notifiedAt',
  WaiveGuardianNotification: null,
  GiveConfidentialityNotice: 'at',
  ChangeCategories: null,
  RecordExternalReferral: 'referredAt',
  CloseCase: null,
  ReopenCase: null,
  RecordMissedDeadlines: null,
  AutoCloseCase: null,
  EscalateUnresolvedSameDay: null,
  SendLetter: null,
  RecordEmailDelivered: null,
  RecordEmailFailed: null,
  EraseCase: null,
  ApplyRetention: null,
  PlaceLegalHold: null,
  LiftLegalHold: null,
  RecordSubjectAccessExport: null,
};

/** The command's business time as the caller gave it (not yet checked), and the field that holds it. */
export function givenBusinessTime(
  command: CaseCommand,
): { field: string; given: Instant | undefined } | null {
  const field = BUSINESS_TIME_FIELD[command.type];
  if (field === null) return null;
  const given: unknown = (command.data as Record<string, unknown>)[field];
  return { field, given: typeof given === 'string' ? given : undefined };
}
