import { ApiProperty } from '@nestjs/swagger';
import {
  type LearningPoint,
  caseFlags,
  CASE_KINDS,
  CASE_STATUSES,
  CHANNELS,
  DEADLINE_KINDS,
  FORMALITIES,
  type DeadlineKind,
  type Case,
  type CaseFlag,
  type Complainant,
  type DocumentRef,
  type ExternalReferral,
  type Person,
  type Representative,
} from '#domain';
import type { Integrity } from './case-stream';

/** The case as every command and `GET /cases/{id}` answer it, as the OpenAPI description documents it. */

class PersonResponse {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
}

class OverrideResponse {
  @ApiProperty() reason!: string;
}

class DeadlineExtensionResponse {
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ format: 'date-time' }) previousDueBy!: string;
  @ApiProperty({ format: 'date-time' }) dueBy!: string;
  @ApiProperty({ type: 'integer' }) workingDaysAdded!: number;
  @ApiProperty() reason!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  complainantInformedAt!: string | null;
  @ApiProperty({
    type: OverrideResponse,
    nullable: true,
    description: 'A senior manager’s, beyond what the policy allows.',
  })
  override!: OverrideResponse | null;
  @ApiProperty({ type: PersonResponse }) by!: Person;
}

class DeadlineResponse {
  @ApiProperty({ enum: DEADLINE_KINDS }) kind!: DeadlineKind;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description: 'Null for compliments and suggestions.',
  })
  stage!: number | null;
  @ApiProperty({
    format: 'date-time',
    description: 'Last millisecond of the due date, policy time zone.',
  })
  dueBy!: string;
  @ApiProperty({ format: 'date', example: '2026-12-22' }) dueDate!: string;
  @ApiProperty({
    format: 'date-time',
    description: 'dueBy as first set: the same unless extended.',
  })
  originalDueBy!: string;
  @ApiProperty({ format: 'date', example: '2026-12-22' }) originalDueDate!: string;
  @ApiProperty({ type: [DeadlineExtensionResponse], description: 'Oldest first.' })
  extensions!: DeadlineExtensionResponse[];
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) metAt!: string | null;
  @ApiProperty({ description: 'Met after dueBy; or, unmet, recorded as missed.' })
  missed!: boolean;
  @ApiProperty({
    description:
      'Met by an act dated before dueBy but recorded after it: neither on time nor missed, and counted apart in the reports.',
  })
  recordedLate!: boolean;
}

class DocumentResponse {
  @ApiProperty() id!: string;
  @ApiProperty() filename!: string;
  @ApiProperty({ example: 'application/pdf' }) mediaType!: string;
  @ApiProperty({ type: 'integer' }) size!: number;
  @ApiProperty({ pattern: '^[0-9a-f]{64}$' }) sha256!: string;
  @ApiProperty({ format: 'date-time' }) attachedAt!: string;
}

class LearningPointResponse {
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ type: 'integer', nullable: true }) stage!: number | null;
  @ApiProperty() text!: string;
  @ApiProperty({ enum: ['responding', 'closing'] }) saidWhen!: string;
}

class LegalHoldResponse {
  @ApiProperty() reason!: string;
  @ApiProperty({ format: 'date-time' }) since!: string;
  @ApiProperty({ type: PersonResponse }) by!: Person;
}

class IntegrityResponse {
  @ApiProperty({ description: 'Whether every event still hashes as it did when recorded.' })
  valid!: boolean;
  @ApiProperty({
    type: 'integer',
    nullable: true,
    description:
      'The first revision whose hash, or link to the one before, does not hold: what the case shows from there may have been altered.',
  })
  brokenAtRevision!: number | null;
}

export class CaseDetailResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'DMM-2026-00042' }) reference!: string;
  @ApiProperty({ enum: CASE_KINDS }) kind!: string;
  @ApiProperty({ enum: FORMALITIES, nullable: true }) formality!: string | null;
  @ApiProperty({ enum: CHANNELS }) channel!: string;
  @ApiProperty({ type: 'integer', nullable: true }) stage!: number | null;
  @ApiProperty({ type: String, nullable: true }) stageName!: string | null;
  @ApiProperty({ enum: CASE_STATUSES }) status!: string;
  @ApiProperty({ format: 'date-time' }) receivedAt!: string;
  @ApiProperty() summary!: string;
  @ApiProperty({ type: String, nullable: true }) details!: string | null;
  @ApiProperty({ type: Object }) complainant!: Complainant;
  @ApiProperty({ type: Object, nullable: true }) representative!: Representative | null;
  @ApiProperty({ type: [String] }) categories!: string[];
  @ApiProperty({ type: PersonResponse, nullable: true }) owner!: Person | null;
  @ApiProperty({ type: PersonResponse, description: 'Who recorded it.' }) recipient!: Person;
  @ApiProperty({ type: [String], example: ['representative-unauthorised'] }) flags!: CaseFlag[];
  @ApiProperty({ type: [DeadlineResponse] }) deadlines!: DeadlineResponse[];
  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  escalationWindowEndsAt!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) autoCloseAt!: string | null;
  @ApiProperty({ type: Object, nullable: true }) externalReferral!: ExternalReferral | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) closedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) closeReason!: string | null;
  @ApiProperty({
    type: [LearningPointResponse],
    description: 'What was learned or changed, said when responding or closing.',
  })
  learningPoints!: LearningPoint[];
  @ApiProperty({ type: [DocumentResponse] }) documents!: DocumentRef[];
  @ApiProperty({
    format: 'date-time',
    nullable: true,
    type: String,
    description: 'When its personal data was erased: "[erased]" stands where it was.',
  })
  personalDataErasedAt!: string | null;
  @ApiProperty({
    type: LegalHoldResponse,
    nullable: true,
    description: 'Kept past retention, and not erasable, while held.',
  })
  legalHold!: LegalHoldResponse | null;
  @ApiProperty({ type: 'integer', description: 'Also the ETag.' }) revision!: number;
  @ApiProperty() policyId!: string;
  @ApiProperty() policyVersion!: string;
  @ApiProperty({ type: IntegrityResponse, description: 'The hash chain of the case’s trail.' })
  integrity!: Integrity;
}

export function caseDetail(
  found: Case,
  revision: number,
  integrity: Integrity,
): CaseDetailResponse {
  return {
    id: found.id,
    reference: found.reference,
    kind: found.kind,
    formality: found.formality,
    channel: found.channel,
    stage: found.stage,
    stageName: found.stageName,
    status: found.status,
    receivedAt: found.receivedAt,
    summary: found.summary,
    details: found.details,
    complainant: found.complainant,
    representative: found.representative,
    categories: found.categories,
    owner: found.owner,
    recipient: found.recipient,
    flags: caseFlags(found),
    deadlines: found.deadlines
      .filter((d) => d.cancelledAt === null || d.metAt !== null || d.missed)
      .map((d) => ({
        kind: d.kind,
        stage: d.stage,
        dueBy: d.dueBy,
        dueDate: d.dueDate,
        originalDueBy: d.originalDueBy,
        originalDueDate: d.originalDueDate,
        extensions: d.extensions.map(({ afterMiss: _afterMiss, ...extension }) => extension),
        metAt: d.metAt,
        missed: d.missed,
        recordedLate: d.recordedLate,
      })),
    escalationWindowEndsAt: found.escalationWindowEndsAt,
    autoCloseAt: found.autoCloseAt,
    externalReferral: found.externalReferral,
    closedAt: found.closedAt,
    closeReason: found.closeReason,
    learningPoints: found.learningPoints,
    // Where the sealed bytes are kept is the store's business, not the reader's.
    documents: found.documents.map(({ storedAs: _storedAs, ...document }) => document),
    personalDataErasedAt: found.erasure?.at ?? null,
    legalHold: found.legalHold,
    revision,
    policyId: found.policyId,
    policyVersion: found.policyVersion,
    integrity,
  };
}

export class CommandResultResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'DMM-2026-00042' }) reference!: string;
  @ApiProperty({ type: 'integer' }) revision!: number;
  @ApiProperty({
    type: 'integer',
    description:
      'Global position of the last event; send it as X-CLF-Min-Position to read your own write.',
  })
  position!: number;
  @ApiProperty({ type: CaseDetailResponse }) case!: CaseDetailResponse;
}
