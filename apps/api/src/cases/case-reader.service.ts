import type { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import { CaseNotFoundError, type Actor, type DocumentRef } from '#domain';
import { ApiProblemError } from '../http/problem';
import { STORAGE, type Storage } from '../storage/storage';
import { caseDetail, type CaseDetailResponse } from './case-detail.response';
import { loadVisibleCase, type VisibleCase } from './case-stream';

export class DocumentNotFoundError extends ApiProblemError {
  constructor() {
    super(404, 'document-not-found', 'The case has no such document.');
  }
}

/** The case as its stream says now (always current), for those allowed to see it. */
@Injectable()
export class CaseReader {
  constructor(@Inject(STORAGE) private readonly storage: Storage) {}

  async detail(id: string, actor: Actor): Promise<CaseDetailResponse> {
    const { state, revision, integrity } = await loadVisibleCase(this.storage.events, id, actor);
    return caseDetail(state, revision, integrity);
  }

  async detailByReference(given: string, actor: Actor): Promise<CaseDetailResponse> {
    const { state, revision, integrity } = await this.loadByReference(given, actor);
    return caseDetail(state, revision, integrity);
  }

  /**
   * The case and its events, for those allowed to see it. References are issued in upper
   * case (DMM-2026-00042) and read back in any case.
   */
  async loadByReference(given: string, actor: Actor): Promise<VisibleCase> {
    const reference = given.toUpperCase();
    const id = await this.storage.references.caseIdOf(reference);
    if (id === null) throw new CaseNotFoundError();
    const loaded = await loadVisibleCase(this.storage.events, id, actor);
    // A number taken by a request that lost a race never became that case's reference.
    if (loaded.state.reference !== reference) throw new CaseNotFoundError();
    return loaded;
  }

  async document(
    id: string,
    documentId: string,
    actor: Actor,
  ): Promise<{ document: DocumentRef; content: Readable }> {
    const { state } = await loadVisibleCase(this.storage.events, id, actor);
    const document = state.documents.find((d) => d.id === documentId);
    if (!document) throw new DocumentNotFoundError();
    const content = await this.storage.caseDocuments.open(id, document);
    if (!content) throw new DocumentNotFoundError();
    return { document, content };
  }
}
