import type {
  SubjectAccessMatch,
  Addressee,
  CaseFlag,
  CaseKind,
  CaseStatus,
  Channel,
  ClosedBecause,
  ComplainantRole,
  DeadlineKind,
  EmailDelivery,
  LetterChannel,
  LetterTemplate,
  Outcome,
  Role,
} from '#domain';

/** The domain's codes as the people using the console say them. */

/** First letter up: a code's words at the start of a sentence or a label. */
export const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export const KIND_WORDS: Record<CaseKind, string> = {
  complaint: 'complaint',
  compliment: 'compliment',
  suggestion: 'suggestion',
};

export const STATUS_WORDS: Record<CaseStatus, string> = {
  open: 'Open',
  acknowledged: 'Acknowledged',
  responded: 'Responded',
  'referred-externally': 'Referred externally',
  closed: 'Closed',
};

export const CHANNEL_WORDS: Record<Channel, string> = {
  'in-person': 'in person',
  phone: 'phone',
  email: 'e-mail',
  letter: 'letter',
  'web-form': 'the web form',
  other: 'other means',
};

export const COMPLAINANT_ROLE_WORDS: Record<ComplainantRole, string> = {
  learner: 'Learner',
  apprentice: 'Apprentice',
  employer: 'Employer',
  'parent-guardian': 'Parent or guardian',
  stakeholder: 'Stakeholder',
  other: 'Other',
};

export const OUTCOME_WORDS: Record<Outcome, string> = {
  upheld: 'upheld',
  'partially-upheld': 'partly upheld',
  'not-upheld': 'not upheld',
  resolved: 'resolved',
  noted: 'noted',
};

export const ADDRESSEE_WORDS: Record<Addressee, string> = {
  complainant: 'the complainant',
  representative: 'the representative',
};

export const CLOSE_REASON_WORDS: Record<ClosedBecause, string> = {
  resolved: 'resolved',
  'resolved-at-first-contact': 'resolved at first contact',
  withdrawn: 'withdrawn',
  'redirected-to-appeals': 'redirected to the appeals procedure',
  'referred-externally': 'referred to an external body',
  'no-further-correspondence': 'nothing more was heard after the response',
};

export const LETTER_TEMPLATE_WORDS: Record<LetterTemplate, string> = {
  acknowledgement: 'acknowledgement',
  response: 'response',
  extension: 'extension notice',
  'closed-after-silence': 'closing after silence',
  thanks: 'thanks',
};

export const LETTER_CHANNEL_WORDS: Record<LetterChannel, string> = {
  email: 'e-mail',
  post: 'post',
};

/** What a subject access search matched a person on. */
export const SUBJECT_ACCESS_MATCH_WORDS: Record<SubjectAccessMatch, string> = {
  email: 'e-mail address',
  phone: 'phone number',
  name: 'name',
};

export const EMAIL_DELIVERY_WORDS: Record<EmailDelivery, string> = {
  'not-emailed': 'not e-mailed',
  waiting: 'waiting to be sent',
  delivered: 'delivered',
  failed: 'could not be delivered',
};

export const DEADLINE_WORDS: Record<DeadlineKind, string> = {
  acknowledgement: 'Acknowledgement',
  response: 'Response',
};

/** Each flag as the warning a person sees on the case. */
export const FLAG_WARNINGS: Record<CaseFlag, string> = {
  'representative-unauthorised':
    'The representative is not authorised: nothing goes to them until the complainant’s written authority is recorded.',
  'guardian-decision-pending':
    'The complainant is under 18: record that a parent or guardian was told, or why they will not be.',
  'assessment-related':
    'This is about assessment or accreditation: it may belong to the appeals procedure.',
  'share-as-good-practice': 'This compliment is to be shared as good practice.',
  'confidentiality-notice-given': 'The complainant was told confidentiality cannot be kept.',
  'correspondence-since-response':
    'Correspondence arrived after the response: somebody should look at it.',
};

/** Flags that call for action are warnings; the rest are notes. */
export const WARNING_FLAGS: ReadonlySet<CaseFlag> = new Set([
  'representative-unauthorised',
  'guardian-decision-pending',
  'assessment-related',
  'correspondence-since-response',
]);

/** Each role's name, as an administrator reads it in a person's roles and their history. */
export const ROLE_WORDS: Record<Role, string> = {
  staff: 'Staff or lecturer',
  'operations-manager': 'Operations manager',
  'senior-manager': 'Senior manager',
  quality: 'Quality',
  auditor: 'Auditor',
  admin: 'Administrator',
  'data-protection': 'Data protection',
};

/** How many e-mails, in words: "1 e-mail", "3 e-mails". */
export const emailsInWords = (count: number) => (count === 1 ? '1 e-mail' : `${count} e-mails`);
