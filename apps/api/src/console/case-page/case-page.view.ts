import type { WorkingDayCalendar } from '#calendar';
import { caseFlags, type Case } from '#domain';
import { caseDetail } from '../../cases/case-detail.response';
import type { VisibleCase } from '../../cases/case-stream';
import { instantInWords } from '../rendering/people-time';
import {
  CHANNEL_WORDS,
  CLOSE_REASON_WORDS,
  COMPLAINANT_ROLE_WORDS,
  FLAG_WARNINGS,
  KIND_WORDS,
  STATUS_WORDS,
  WARNING_FLAGS,
  capitalised,
} from '../rendering/vocabulary';
import { deadlineInWords } from './deadline-words';
import { timelineOf } from './timeline';

/** A row of GOV.UK's summary list: text, shown escaped. */
interface Fact {
  key: { text: string };
  value: { text: string };
}

/** The rows that have a value, as summary-list rows. */
const facts = (rows: Array<[string, string | null | undefined | false]>): Fact[] =>
  rows.flatMap(([key, value]) => (value ? [{ key: { text: key }, value: { text: value } }] : []));

/** "Complaint (formal)", "Compliment". */
export const kindInWords = (found: Pick<Case, 'kind' | 'formality'>) =>
  capitalised(KIND_WORDS[found.kind]) + (found.formality ? ` (${found.formality})` : '');

/** "Stage 1: Local resolution", or null for feedback with no stages. */
export const stageInWords = (found: Pick<Case, 'stage' | 'stageName'>) =>
  found.stage === null
    ? null
    : `Stage ${found.stage}${found.stageName ? `: ${found.stageName}` : ''}`;

/** "12 KB", "1.5 MB". */
export function sizeInWords(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

function caseFacts(found: Case, timeZone: string): Fact[] {
  const when = (instant: string | null) => instant && instantInWords(instant, timeZone);
  return facts([
    ['Kind', kindInWords(found)],
    ['Stage', stageInWords(found)],
    ['Status', STATUS_WORDS[found.status]],
    ['Received', `${when(found.receivedAt)}, by ${CHANNEL_WORDS[found.channel]}`],
    ['Summary', found.summary],
    ['Details', found.details],
    ['Categories', found.categories.join(', ') || 'None'],
    ['Owner', found.owner?.name ?? 'Not assigned'],
    ['Recorded by', found.recipient.name],
    [
      'Referred to',
      found.externalReferral &&
        `${found.externalReferral.body}${found.externalReferral.externalReference ? ` (their reference ${found.externalReferral.externalReference})` : ''}, ${when(found.externalReferral.referredAt)}`,
    ],
    ['May ask for the next stage until', when(found.escalationWindowEndsAt)],
    ['Closes by itself if nothing is heard by', when(found.autoCloseAt)],
    [
      'Closed',
      found.closedAt &&
        `${when(found.closedAt)}: ${CLOSE_REASON_WORDS[found.closeReason ?? 'resolved']}`,
    ],
  ]);
}

function partyFacts(found: Case) {
  const { complainant, representative } = found;
  return {
    complainant: facts([
      ['Name', complainant.name],
      ['Role', COMPLAINANT_ROLE_WORDS[complainant.role]],
      ['Email address', complainant.email],
      ['Phone', complainant.phone],
      ['Under 18', complainant.under18 ? 'Yes' : 'No'],
    ]),
    representative:
      representative &&
      facts([
        ['Name', representative.name],
        ['Relationship', representative.relationship],
        ['Email address', representative.email],
        ['Phone', representative.phone],
        ['Written authority', found.representativeAuthorised ? 'Received' : 'Not received'],
      ]),
  };
}

export interface CasePageContext {
  timeZone: string;
  calendar: WorkingDayCalendar;
  now: Date;
}

/** Everything the case page shows, from the case as its stream says now. */
/** The banners of a case's erasure and legal hold, in words (none where there is neither). */
export function dataProtectionBanners(found: Case, timeZone: string): string[] {
  const banners: string[] = [];
  const { erasure, legalHold } = found;
  if (erasure) {
    const by = erasure.by?.name ?? 'the retention job';
    banners.push(
      `Personal data erased on ${instantInWords(erasure.at, timeZone)} by ${by}: ${erasure.reason}`,
    );
  }
  if (legalHold) {
    banners.push(
      `Under legal hold since ${instantInWords(legalHold.since, timeZone)}: ${legalHold.reason}`,
    );
  }
  return banners;
}

export function casePageView(visible: VisibleCase, { timeZone, calendar, now }: CasePageContext) {
  const found = visible.state;
  const detail = caseDetail(found, visible.revision, visible.integrity);
  const address = `/cases/${found.reference}`;
  return {
    pageTitle: `${found.reference}: ${found.summary}`,
    reference: found.reference,
    summary: found.summary,
    address,
    revision: visible.revision,
    integrity: visible.integrity,
    // Sealed personal data whose key is gone though the case was not erased: a fault to report.
    personalDataUnreadable: visible.events.some((event) => event.personalData === 'unreadable'),
    dataProtection: dataProtectionBanners(found, timeZone),
    facts: caseFacts(found, timeZone),
    parties: partyFacts(found),
    flags: caseFlags(found).map((flag) => ({
      text: FLAG_WARNINGS[flag],
      warning: WARNING_FLAGS.has(flag),
    })),
    deadlines: detail.deadlines.map((deadline) => deadlineInWords(deadline, now, calendar)),
    timeline: timelineOf(visible.events, timeZone),
    documents: found.documents.map((document) => ({
      href: `${address}/documents/${document.id}`,
      filename: document.filename,
      size: sizeInWords(document.size),
      attachedAt: document.attachedAt,
    })),
  };
}
