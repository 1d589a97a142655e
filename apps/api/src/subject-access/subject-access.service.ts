import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import {
  ActorNotPermittedError,
  mayExportPersonalData,
  type Actor,
  type Case,
  type CaseDecider,
  type Person,
  type RecordSubjectAccessExport,
} from '#domain';
import type { LocalDate } from '#calendar';
import type { Clock } from '#event-store';
import { partiesMatching, type PartyRole, type ReadSide } from '#read-models';
import { CASE_DECIDER } from '../cases/case-decider.provider';
import { CaseCommandService } from '../cases/case-command.service';
import type { VisibleCase } from '../cases/case-stream';
import { caseIdForKey } from '../cases/commands/idempotency-key';
import { ApiProblemError } from '../http/problem';
import type { RequestContext } from '../http/request-context';
import { PROJECTIONS } from '../projections/projections.module';
import { CLOCK, STORAGE, type Storage } from '../storage/storage';
import { subjectAccessArchive } from './subject-access-archive';
import type { SubjectAccessSearch } from './subject-access-search';
import { summaryHtml } from './subject-access-summary';

/** A case about the person searched for, and the parts they play in it. */
export interface PersonInCase {
  found: Case;
  roles: PartyRole[];
}

/** Everything an export holds: who asked, when, for whom, and each case as its stream has it now. */
export interface SubjectAccessExport {
  exportId: string;
  search: SubjectAccessSearch;
  requestedBy: Person;
  at: Date;
  /** The day it was made, in the policy's time zone. */
  day: LocalDate;
  cases: Array<{ loaded: VisibleCase; roles: PartyRole[] }>;
}

/** How the ZIP is sent: an attachment named by the date and the export, never the person (their name is personal data). */
export const archiveDisposition = ({ day, exportId }: SubjectAccessExport) =>
  `attachment; filename="subject-access-${day}-${exportId.slice(0, 8)}.zip"`;

export class NothingFoundError extends ApiProblemError {
  constructor() {
    super(
      404,
      'nothing-found',
      'Nothing was found about this person: no case has them as complainant or representative. Nothing was recorded.',
    );
  }
}

/** Refuses (403) anyone but data protection, before anything is searched. */
export function requireDataProtection(actor: Actor): void {
  if (!mayExportPersonalData(actor))
    throw new ActorNotPermittedError(
      'data-protection-only',
      'Only data protection may search for and export a person’s data.',
    );
}

/**
 * Subject access: every case about a person, across all cases whoever owns them, and the
 * export of it all, recorded in each case's trail. Data protection only.
 */
@Injectable()
export class SubjectAccess {
  constructor(
    @Inject(PROJECTIONS) private readonly projections: ReadSide,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(STORAGE) private readonly storage: Storage,
    @Inject(CASE_DECIDER) private readonly decider: CaseDecider,
    private readonly cases: CaseCommandService,
  ) {}

  /** The export as a ZIP, streamed as it is made (see subject-access-archive.ts). */
  archive(exported: SubjectAccessExport): Readable {
    const { organisation, timeZone } = this.decider.policy;
    return subjectAccessArchive({
      summaryHtml: summaryHtml(exported, organisation, timeZone),
      cases: exported.cases,
      openDocument: (caseId, document) => this.storage.caseDocuments.open(caseId, document),
    });
  }

  /** The cases about the person, oldest first, as the read models have them. */
  async find(actor: Actor, search: SubjectAccessSearch): Promise<PersonInCase[]> {
    requireDataProtection(actor);
    const candidates = await this.projections.store().casesAbout(search.key);
    return candidates.map((found) => ({ found, roles: partiesMatching(found, search.key) }));
  }

  /**
   * Records the export in every case about the person, then reads each back from its
   * stream (so the export holds its own record). With the same `idempotencyKey`, a retry is
   * the same export: no case records it twice. 404, recording nothing, when no case is found.
   */
  async export(
    search: SubjectAccessSearch,
    { context, idempotencyKey }: { context: RequestContext; idempotencyKey?: string },
  ): Promise<SubjectAccessExport> {
    const { actor } = context;
    const found = await this.find(actor, search);
    const exportId = idempotencyKey
      ? caseIdForKey(actor.id, `subject-access ${idempotencyKey}`)
      : randomUUID();
    const cases: SubjectAccessExport['cases'] = [];
    for (const { found: candidate } of found) {
      const exported = await this.exportCase(candidate.id, exportId, search, context);
      if (exported) cases.push(exported);
    }
    if (cases.length === 0) throw new NothingFoundError();
    const requestedBy = { id: actor.id, name: actor.name ?? actor.id };
    const at = this.clock();
    const day = this.decider.calendar.localDateOf(at);
    return { exportId, search, requestedBy, at, day, cases };
  }

  /** The case as its stream has it after recording the export; null if it is not about the person after all. */
  private async exportCase(
    caseId: string,
    exportId: string,
    search: SubjectAccessSearch,
    context: RequestContext,
  ): Promise<SubjectAccessExport['cases'][number] | null> {
    // The read models are a moment behind: the stream has the last word.
    const before = await this.cases.load(caseId);
    if (before.state === null || partiesMatching(before.state, search.key).length === 0)
      return null;
    const command: RecordSubjectAccessExport = {
      type: 'RecordSubjectAccessExport',
      actor: context.actor,
      data: { exportId, matchedOn: search.matchedOn },
    };
    await this.cases.execute(caseId, command, { context });
    const loaded = (await this.cases.load(caseId)) as VisibleCase;
    return { loaded, roles: partiesMatching(loaded.state, search.key) };
  }
}
