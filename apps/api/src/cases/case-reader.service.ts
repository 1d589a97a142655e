import type { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import {
  canSeeCase,
  CaseNotFoundError,
  DomainError,
  type Actor,
  type Case,
  type DocumentRef,
} from '#domain';
import { STORAGE, type Storage } from '../storage/storage';
import { caseDetail, type CaseDetailResponse } from './case-detail.response';
import { loadCase, type LoadedCase } from './case-stream';

export class DocumentNotFoundError extends DomainError {
  constructor() {
    super('not-found', 'document-not-found', 'The case has no such document.');
  }
}

/** The case as its stream says now (always current), for those allowed to see it. */
@Injectable()
export class CaseReader {
  constructor(@Inject(STORAGE) private readonly storage: Storage) {}

  private async visible(
    id: string,
    actor: Actor,
  ): Promise<{ found: Case; revision: number; integrity: LoadedCase['integrity'] }> {
    const { state, revision, integrity } = await loadCase(this.storage.events, id);
    if (state === null || !canSeeCase(actor, state)) throw new CaseNotFoundError();
    return { found: state, revision: revision!, integrity };
  }

  async detail(id: string, actor: Actor): Promise<CaseDetailResponse> {
    const { found, revision, integrity } = await this.visible(id, actor);
    return caseDetail(found, revision, integrity);
  }

  /** References are issued in upper case (DMM-2026-00042) and read back in any case. */
  async detailByReference(given: string, actor: Actor): Promise<CaseDetailResponse> {
    const reference = given.toUpperCase();
    const id = await this.storage.references.caseIdOf(reference);
    if (id === null) throw new CaseNotFoundError();
    const detail = await this.detail(id, actor);
    // A number taken by a request that lost a race never became that case's reference.
    if (detail.reference !== reference) throw new CaseNotFoundError();
    return detail;
  }

  async document(
    id: string,
    documentId: string,
    actor: Actor,
  ): Promise<{ document: DocumentRef; content: Readable }> {
    const { found } = await this.visible(id, actor);
    const document = found.documents.find((d) => d.id === documentId);
    if (!document) throw new DocumentNotFoundError();
    const content = await this.storage.documents.open(document.sha256);
    if (!content) throw new DocumentNotFoundError();
    return { document, content };
  }
}
