import type {
  ApplyRetention,
  EraseCase,
  LiftLegalHold,
  PlaceLegalHold,
  AcknowledgeCase,
  AutoCloseCase,
  EscalateUnresolvedSameDay,
  RecordMissedDeadlines,
  ReopenCase,
  CloseCase,
  EscalateCase,
  ExtendDeadline,
  ReceiveCase,
  RecordCorrespondence,
  RespondToCase,
} from '../case/case.commands';
import type { Actor, Role } from '../case/case.model';

export const staff: Actor = { id: 'u-staff', name: 'Sam Staff', roles: ['staff'] };
export const operationsManager: Actor = {
  id: 'u-ops',
  name: 'Olu Ops',
  roles: ['operations-manager'],
};
export const seniorManager: Actor = {
  id: 'u-senior',
  name: 'Sue Senior',
  roles: ['senior-manager'],
};
/** A person with these roles, named by their id. */
export const person = (id: string, ...roles: Role[]): Actor => ({ id, name: id, roles });

/** The people of the access rules' stories: who received the case, who owns it, and others. */
export const cast = {
  recipient: person('u-recipient', 'staff'),
  owner: person('u-owner', 'staff'),
  otherStaff: person('u-other', 'staff'),
  ops: person('u-ops', 'operations-manager'),
  senior: person('u-senior', 'senior-manager'),
  quality: person('u-quality', 'quality'),
  auditor: person('u-auditor', 'auditor'),
  admin: person('u-admin', 'admin'),
};

export const system = (job: string): Actor => ({ id: `system:${job}`, roles: [] });

export const CASE_ID = '7d0c7a5e-3b1f-4c55-9a57-2f0e1f0f6a11';

export function receive(
  data: Partial<ReceiveCase['data']> = {},
  actor: Actor = staff,
): ReceiveCase {
  return {
    type: 'ReceiveCase',
    actor,
    data: {
      caseId: CASE_ID,
      reference: 'DMM-2026-00042',
      kind: 'complaint',
      channel: 'phone',
      summary: 'Mentor missed two sessions',
      complainant: { name: 'Ada Learner', role: 'learner' },
      ...data,
    },
  };
}

export const acknowledge = (
  data: AcknowledgeCase['data'] = {},
  actor: Actor = staff,
): AcknowledgeCase => ({
  type: 'AcknowledgeCase',
  actor,
  data,
});

export const respond = (
  data: Partial<RespondToCase['data']> = {},
  actor: Actor = operationsManager,
): RespondToCase => ({
  type: 'RespondToCase',
  actor,
  data: { summary: 'Our findings', outcome: 'partially-upheld', ...data },
});

export const escalate = (
  data: Partial<EscalateCase['data']> = {},
  actor: Actor = operationsManager,
): EscalateCase => ({
  type: 'EscalateCase',
  actor,
  data: { reason: 'Not satisfied', ...data },
});

export const extend = (
  data: Partial<ExtendDeadline['data']> = {},
  actor: Actor = operationsManager,
): ExtendDeadline => ({
  type: 'ExtendDeadline',
  actor,
  data: {
    deadline: 'response',
    stage: 2,
    addWorkingDays: 5,
    reason: 'Waiting for the mentor’s statement',
    ...data,
  },
});

export const correspondence = (
  data: Partial<RecordCorrespondence['data']> = {},
  actor: Actor = staff,
): RecordCorrespondence => ({
  type: 'RecordCorrespondence',
  actor,
  data: { channel: 'email', summary: 'Complainant wrote back', ...data },
});

export const close = (data: CloseCase['data'], actor: Actor = operationsManager): CloseCase => ({
  type: 'CloseCase',
  actor,
  data,
});

export const reopen = (
  reason = 'Complainant came back',
  actor: Actor = operationsManager,
): ReopenCase => ({
  type: 'ReopenCase',
  actor,
  data: { reason },
});

/** The scheduler's commands, as its jobs send them. */
export const sweep: RecordMissedDeadlines = {
  type: 'RecordMissedDeadlines',
  actor: system('sla-sweep'),
  data: {},
};
export const autoClose: AutoCloseCase = {
  type: 'AutoCloseCase',
  actor: system('auto-close'),
  data: {},
};
export const sameDay: EscalateUnresolvedSameDay = {
  type: 'EscalateUnresolvedSameDay',
  actor: system('same-day-escalation'),
  data: {},
};

export const retain: ApplyRetention = {
  type: 'ApplyRetention',
  actor: system('retention'),
  data: {},
};

/** The data-protection officer of the personal-data stories. */
export const dataProtection = person('u-dpo', 'data-protection');

export const erase = (
  reason = 'The person asked for erasure',
  actor = dataProtection,
): EraseCase => ({
  type: 'EraseCase',
  actor,
  data: { reason },
});

export const placeHold = (
  reason = 'Employment tribunal claim',
  actor = dataProtection,
): PlaceLegalHold => ({
  type: 'PlaceLegalHold',
  actor,
  data: { reason },
});

export const liftHold = (
  reason = 'The claim was settled',
  actor = dataProtection,
): LiftLegalHold => ({
  type: 'LiftLegalHold',
  actor,
  data: { reason },
});
