import { join } from 'node:path';
import nunjucks from 'nunjucks';
import { asCaseEvent, type Case, type Complainant, type Representative } from '#domain';
import type { PartyRole } from '#read-models';
import { CONSOLE_FILES } from '../console/console-files';
import { instantInWords } from '../console/rendering/people-time';
import {
  ADDRESSEE_WORDS,
  capitalised,
  COMPLAINANT_ROLE_WORDS,
  KIND_WORDS,
  LETTER_CHANNEL_WORDS,
  STATUS_WORDS,
  SUBJECT_ACCESS_MATCH_WORDS,
} from '../console/rendering/vocabulary';
import { lettersOf } from '../correspondence/letter-list';
import type { SubjectAccessExport } from './subject-access.service';

interface Line {
  label: string;
  value: string;
}

/** One part the person plays in a case, and what the case holds about them in it. */
function heldAbout(found: Case, role: PartyRole): { role: string; lines: Line[] } {
  const party: Complainant | Representative = found[role]!;
  const lines: Array<Line | null> = [
    { label: 'Name', value: party.name },
    party.email ? { label: 'E-mail', value: party.email } : null,
    party.phone ? { label: 'Phone', value: party.phone } : null,
    'relationship' in party ? { label: 'Relationship', value: party.relationship } : null,
    'role' in party ? { label: 'Who they are', value: COMPLAINANT_ROLE_WORDS[party.role] } : null,
    'under18' in party && party.under18 ? { label: 'Under 18', value: 'Yes' } : null,
  ];
  return {
    role: ADDRESSEE_WORDS[role],
    lines: lines.filter((line): line is Line => line !== null),
  };
}

/** What `summary.html` shows, in words and local times: the template only lays it out. */
export function summaryView(exported: SubjectAccessExport, timeZone: string) {
  const when = (instant: string | Date) => instantInWords(instant, timeZone);
  return {
    exportId: exported.exportId,
    at: when(exported.at),
    requestedBy: exported.requestedBy.name,
    searchedFor: `${SUBJECT_ACCESS_MATCH_WORDS[exported.search.matchedOn]} “${exported.search.value}”`,
    cases: exported.cases.map(({ loaded: { state, events }, roles }) => ({
      reference: state.reference,
      kind: capitalised(KIND_WORDS[state.kind]),
      received: when(state.receivedAt),
      closed: state.closedAt && when(state.closedAt),
      status: STATUS_WORDS[state.status],
      roles: roles.map((role) => ADDRESSEE_WORDS[role]).join(' and '),
      held: roles.map((role) => heldAbout(state, role)),
      summary: state.summary,
      details: state.details,
      documents: state.documents.length,
      letters: lettersOf(events.map(asCaseEvent))
        .filter((letter) => roles.includes(letter.addressedTo))
        .map((letter) => ({
          sentAt: when(letter.sentAt),
          to: letter.to.name,
          by: letter.channels.map((channel) => LETTER_CHANNEL_WORDS[channel]).join(' and '),
          subject: letter.subject,
          body: letter.body,
        })),
    })),
  };
}

const templates = new nunjucks.Environment(
  new nunjucks.FileSystemLoader(join(CONSOLE_FILES.views, 'subject-access')),
  { autoescape: true, throwOnUndefined: true, trimBlocks: true, lstripBlocks: true },
);

/** The export's readable summary: one self-contained HTML page (its style inline, nothing fetched). */
export function summaryHtml(exported: SubjectAccessExport, organisation: string, timeZone: string) {
  return templates.render('summary.njk', { organisation, ...summaryView(exported, timeZone) });
}
