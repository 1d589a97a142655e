import { caseFlags, isOpenDeadline, type Case, type CaseFlag, type TrackedDeadline } from '#domain';

/** One row of the case queue: what managers sort and filter by. */
export interface CaseSummary {
  id: string;
  reference: string;
  kind: Case['kind'];
  formality: Case['formality'];
  channel: Case['channel'];
  stage: number | null;
  stageName: string | null;
  status: Case['status'];
  owner: { id: string; name: string } | null;
  recipient: { id: string; name: string };
  /** Who the feedback is from, for people scanning a list. */
  complainant: string;
  summary: string;
  categories: string[];
  flags: CaseFlag[];
  receivedAt: string;
  nextDeadline: { kind: TrackedDeadline['kind']; stage: number | null; dueBy: string } | null;
  lastActivityAt: string;
  closedAt: string | null;
  closeReason: Case['closeReason'];
  personalDataErasedAt: string | null;
  legalHold: Case['legalHold'];
  revision: number;
}

/**
 * The deadline the case is waiting on: the soonest one not yet met at its current stage,
 * whether or not the sweep has recorded it as missed (an overdue case stays overdue in
 * the queue until somebody acts). Closed and externally referred cases wait on nothing.
 */
export function queueDeadline(found: Case): TrackedDeadline | null {
  if (found.status === 'closed' || found.status === 'referred-externally') return null;
  let soonest: TrackedDeadline | null = null;
  for (const d of found.deadlines) {
    if (!isOpenDeadline(d) || d.stage !== found.stage) continue;
    if (soonest === null || d.dueBy < soonest.dueBy) soonest = d;
  }
  return soonest;
}

export function summarise(found: Case, revision: number): CaseSummary {
  const next = queueDeadline(found);
  return {
    id: found.id,
    reference: found.reference,
    kind: found.kind,
    formality: found.formality,
    channel: found.channel,
    stage: found.stage,
    stageName: found.stageName,
    status: found.status,
    owner: found.owner,
    recipient: found.recipient,
    complainant: found.complainant.name,
    summary: found.summary,
    categories: found.categories,
    flags: caseFlags(found),
    receivedAt: found.receivedAt,
    nextDeadline: next && { kind: next.kind, stage: next.stage, dueBy: next.dueBy },
    lastActivityAt: found.lastActivityAt,
    closedAt: found.closedAt,
    closeReason: found.closeReason,
    personalDataErasedAt: found.erasure?.at ?? null,
    legalHold: found.legalHold,
    revision,
  };
}
