import type { Actor, CaseEvent, CaseEventType, Deadline } from '#domain';
import { dateInWords } from '../rendering/people-time';
import {
  ADDRESSEE_WORDS,
  CHANNEL_WORDS,
  CLOSE_REASON_WORDS,
  DEADLINE_WORDS,
  KIND_WORDS,
  LETTER_CHANNEL_WORDS,
  LETTER_TEMPLATE_WORDS,
  OUTCOME_WORDS,
  SUBJECT_ACCESS_MATCH_WORDS,
} from '../rendering/vocabulary';

/** An event in plain words: who did what, and what they wrote (shown as text, never markup). */
export interface EventInWords {
  sentence: string;
  details: string[];
}

/** What was done, after the name of who did it ("acknowledged the complaint by phone"). */
interface Deed {
  did: string;
  details?: Array<string | null | undefined | false>;
}

type Describe<Type extends CaseEventType> = (event: Extract<CaseEvent, { type: Type }>) => Deed;

const stageWords = (stage: number | null, name?: string | null) =>
  stage === null ? '' : name ? ` at stage ${stage} (${name})` : ` at stage ${stage}`;

const deadlineWords = ({ kind, stage, dueDate }: Deadline) =>
  `${DEADLINE_WORDS[kind].toLowerCase()} deadline${stageWords(stage)} (due ${dateInWords(dueDate)})`;

const workingDaysInWords = (days: number) => `${days} working day${days === 1 ? '' : 's'}`;

const labelled = (label: string, text: string | null | undefined) => text && `${label}: ${text}`;

const DESCRIPTIONS: { [Type in CaseEventType]: Describe<Type> } = {
  CaseReceived: ({ data }) => ({
    did: `recorded the ${KIND_WORDS[data.kind]}, received by ${CHANNEL_WORDS[data.channel]}${stageWords(data.stage, data.stageName)}`,
    details: [data.summary],
  }),
  CaseAcknowledged: ({ data }) => ({
    did: `acknowledged the case${data.method ? ` by ${data.method}` : ''}${stageWords(data.stage)}`,
    details: [data.note],
  }),
  OwnerAssigned: ({ data }) => ({
    did: `made ${data.owner.name} the owner${data.previousOwner ? ` in place of ${data.previousOwner.name}` : ''}`,
  }),
  CaseEscalated: ({ data }) => ({
    did: data.automatic
      ? `moved the complaint to stage ${data.toStage} (${data.stageName}), as it was not resolved on the day it was received`
      : `escalated the complaint to stage ${data.toStage} (${data.stageName})`,
    details: [
      labelled('Reason', data.reason),
      data.override && `Window overridden by ${data.override.by.name}: ${data.override.reason}`,
    ],
  }),
  CaseResponded: ({ data }) => ({
    did: `recorded the response${stageWords(data.stage)}, ${OUTCOME_WORDS[data.outcome]}, sent to ${ADDRESSEE_WORDS[data.addressedTo]}`,
    details: [data.summary, labelled('What we learned or changed', data.learning)],
  }),
  CorrespondenceReceived: ({ data }) => ({
    did: `recorded correspondence received by ${CHANNEL_WORDS[data.channel]}`,
    details: [data.summary],
  }),
  NoteAdded: ({ data }) => ({ did: 'added a note', details: [data.text] }),
  DocumentAttached: ({ data }) => ({ did: `attached the document ${data.filename}` }),
  RepresentativeAuthorised: () => ({
    did: 'recorded the complainant’s written authority for their representative',
  }),
  GuardianNotified: ({ data }) => ({
    did: `recorded that ${data.guardianName}, a parent or guardian, was told by ${data.method}`,
  }),
  GuardianNotificationWaived: ({ data }) => ({
    did: 'decided a parent or guardian will not be told',
    details: [labelled('Reason', data.reason)],
  }),
  ConfidentialityNoticeGiven: ({ data }) => ({
    did: `recorded that ${ADDRESSEE_WORDS[data.toldTo]} was told confidentiality cannot be kept`,
    details: [data.explanation],
  }),
  CategoriesChanged: ({ data }) => ({
    did:
      data.categories.length > 0
        ? `changed the categories to ${data.categories.join(', ')}`
        : 'removed every category',
    details: [labelled('Before', data.previous.join(', '))],
  }),
  ExternalReferralRecorded: ({ data }) => ({
    did: `recorded a referral to ${data.body}${stageWords(data.stage, data.stageName)}`,
    details: [labelled('Their reference', data.externalReference)],
  }),
  DeadlineExtended: ({ data }) => ({
    did: `extended the ${DEADLINE_WORDS[data.deadline].toLowerCase()} deadline${stageWords(data.stage)} by ${workingDaysInWords(data.workingDaysAdded)}, to ${dateInWords(data.dueDate)}`,
    details: [
      labelled('Reason', data.reason),
      data.override && `Beyond the policy’s allowance, overridden: ${data.override.reason}`,
      data.complainantInformedAt
        ? 'The complainant was told of the new date'
        : 'Not recorded that the complainant was told of the new date',
    ],
  }),
  DeadlineMissed: ({ data }) => ({ did: `recorded that the ${deadlineWords(data)} was missed` }),
  CaseClosed: ({ data }) => ({
    did: `closed the case: ${CLOSE_REASON_WORDS[data.reason]}`,
    details: [
      data.note,
      labelled('Appeals body', data.appealsBody),
      labelled('What we learned or changed', data.learning),
    ],
  }),
  CaseReopened: ({ data }) => ({
    did: 'reopened the case',
    details: [labelled('Reason', data.reason)],
  }),
  CorrespondenceSent: ({ data }) => ({
    did: `wrote to ${data.to.name} (${ADDRESSEE_WORDS[data.addressedTo]}) by ${data.channels.map((c) => LETTER_CHANNEL_WORDS[c]).join(' and ')}: the ${LETTER_TEMPLATE_WORDS[data.template]} letter`,
    details: [labelled('Subject', data.subject), data.body],
  }),
  EmailDelivered: ({ data }) => ({
    did: `delivered the e-mail of letter ${data.letterId} to the mail server`,
  }),
  EmailFailed: ({ data }) => ({
    did: `could not deliver the e-mail of letter ${data.letterId} after ${data.attempts} tries`,
    details: [labelled('Reason', data.reason)],
  }),
  PersonalDataErased: ({ data }) => ({
    did: 'erased the case’s personal data',
    details: [labelled('Reason', data.reason)],
  }),
  LegalHoldPlaced: ({ data }) => ({
    did: 'placed the case under a legal hold',
    details: [labelled('Reason', data.reason)],
  }),
  LegalHoldLifted: ({ data }) => ({
    did: 'lifted the legal hold',
    details: [labelled('Reason', data.reason)],
  }),
  PersonalDataExported: ({ data }) => ({
    did: `exported the personal data on this case for a subject access request, found by the person’s ${SUBJECT_ACCESS_MATCH_WORDS[data.matchedOn]}`,
    details: [`Export ${data.exportId}`],
  }),
  CaseRecordMigrated: ({ data }) => ({
    did: 're-wrote the case’s record with its personal data encrypted',
    details: [
      `The record before ended at revision ${data.previousHeadRevision}, hash ${data.previousHeadHash}`,
    ],
  }),
};

/** Who did it, as the timeline names them: the person, or the system for a scheduled job. */
export const doerOf = (actor: Pick<Actor, 'id' | 'name'>) =>
  actor.id.startsWith('system:') ? 'The system' : (actor.name ?? actor.id);

/** "Ann Lee acknowledged the case by phone at stage 1.", with what was written below it. */
export function eventInWords(event: CaseEvent, actor: Pick<Actor, 'id' | 'name'>): EventInWords {
  const describe = DESCRIPTIONS[event.type] as Describe<CaseEventType>;
  const { did, details = [] } = describe(event);
  return {
    sentence: `${doerOf(actor)} ${did}.`,
    details: details.filter(
      (detail): detail is string => typeof detail === 'string' && detail !== '',
    ),
  };
}
