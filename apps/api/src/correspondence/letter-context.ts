import type { Case, CaseEvent, CaseResponded, Person, Policy, StagePolicy } from '#domain';
import { dateInWords, instantInWords } from '../console/rendering/people-time';
import { KIND_WORDS, OUTCOME_WORDS } from '../console/rendering/vocabulary';

/** Where the complainant may take it next, as a letter names it. */
export interface NextStep {
  stage: number;
  name: string;
  /** Who handles it there: a role inside the organisation, or the external body. */
  handledBy: string;
  external: boolean;
  contact: string | null;
}

/**
 * Everything a letter template may say, already in people's words (dates in the policy's
 * time zone). Values are data, never template source: a complainant's words cannot run.
 */
export interface LetterContext {
  organisation: string;
  policyName: string;
  reference: string;
  kind: string;
  /** Who the letter is to. */
  name: string;
  summary: string;
  details: string | null;
  receivedOn: string;
  stage: { number: number; name: string; handledBy: string } | null;
  /** Who is dealing with it: the owner, or the stage's handler. */
  handler: string;
  /** When they will hear: the current stage's response due date, if it has a clock. */
  responseDueOn: string | null;
  response: {
    outcome: string;
    reasons: string;
    learning: string | null;
    on: string;
  } | null;
  /** The end of the window to ask for the next stage, in words. */
  escalateBy: string | null;
  nextStep: NextStep | null;
  writer: string;
  today: string;
}

const stageOf = (policy: Policy, stage: number | null) =>
  stage === null ? undefined : policy.complaints.stages.find((s) => s.stage === stage);

function nextStep(policy: Policy, found: Case): NextStep | null {
  const next = stageOf(policy, found.stage === null ? null : found.stage + 1);
  if (!next) return null;
  return {
    stage: next.stage,
    name: next.name,
    handledBy: next.externalBody?.name ?? next.handledBy,
    external: next.external,
    contact: next.externalBody?.contact ?? null,
  };
}

/** The latest response due date of the current stage still to be met (an extension moves it). */
function responseDueDate(found: Case): string | null {
  const due = found.deadlines.filter(
    (d) =>
      d.kind === 'response' &&
      d.stage === found.stage &&
      d.metAt === null &&
      d.cancelledAt === null,
  );
  return due.length === 0 ? null : due[due.length - 1].dueDate;
}

function lastResponse(history: readonly CaseEvent[]): CaseResponded | undefined {
  return history.filter((e): e is CaseResponded => e.type === 'CaseResponded').at(-1);
}

const stageWords = (stage: StagePolicy | undefined) =>
  stage ? { number: stage.stage, name: stage.name, handledBy: stage.handledBy } : null;

export function letterContext(
  found: Case,
  history: readonly CaseEvent[],
  policy: Policy,
  letter: { to: string; writer: Person; now: Date },
): LetterContext {
  const inWords = (instant: string) => instantInWords(instant, policy.timeZone);
  const stage = stageOf(policy, found.stage);
  const response = lastResponse(history);
  const due = responseDueDate(found);
  return {
    organisation: policy.organisation,
    policyName: policy.name,
    reference: found.reference,
    kind: KIND_WORDS[found.kind],
    name: letter.to,
    summary: found.summary,
    details: found.details,
    receivedOn: inWords(found.receivedAt),
    stage: stageWords(stage),
    handler: found.owner?.name ?? stage?.handledBy ?? found.recipient.name,
    responseDueOn: due && dateInWords(due),
    response: response
      ? {
          outcome: OUTCOME_WORDS[response.data.outcome],
          reasons: response.data.summary,
          learning: response.data.learning ?? null,
          on: inWords(response.occurredAt),
        }
      : null,
    escalateBy: found.escalationWindowEndsAt && inWords(found.escalationWindowEndsAt),
    nextStep: nextStep(policy, found),
    writer: letter.writer.name,
    today: inWords(letter.now.toISOString()),
  };
}
