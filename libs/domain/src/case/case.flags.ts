import type { Case } from './case.state';

export type CaseFlag =
  | 'representative-unauthorised'
  | 'guardian-decision-pending'
  | 'assessment-related'
  | 'share-as-good-practice'
  | 'confidentiality-notice-given'
  | 'correspondence-since-response';

/** What a case shows staff at a glance; derived, never stored. */
export function caseFlags(state: Case): CaseFlag[] {
  const flags: CaseFlag[] = [];
  if (state.representative && !state.representativeAuthorised)
    flags.push('representative-unauthorised');
  if (state.guardianDecision === 'pending') flags.push('guardian-decision-pending');
  if (state.assessmentRelated) flags.push('assessment-related');
  if (state.shareAsGoodPractice) flags.push('share-as-good-practice');
  if (state.confidentialityNoticeGiven) flags.push('confidentiality-notice-given');
  if (state.correspondenceSinceResponse) flags.push('correspondence-since-response');
  return flags;
}
