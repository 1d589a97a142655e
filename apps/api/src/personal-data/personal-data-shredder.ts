import { caseStream, type DocumentAttached } from '#domain';
import { StreamNotFoundError } from '#event-store';
import type { Storage } from '../storage/storage';

/**
 * Makes a case's personal data unreadable for good: its documents deleted, then its key
 * (the documents' places are derived from the key). Safe to do again: at every start and
 * after a restore, each erasure the events record is done again.
 */
export class PersonalDataShredder {
  constructor(
    private readonly storage: Pick<Storage, 'storedEvents' | 'caseDocuments' | 'caseKeys'>,
  ) {}

  async shred(caseId: string, at: Date): Promise<void> {
    await this.storage.caseDocuments.remove(await this.documentsOf(caseId));
    await this.storage.caseKeys.forget(caseId, at);
  }

  /** Where each document attached is stored (kept in clear: the content is what is encrypted). */
  private async documentsOf(caseId: string): Promise<string[]> {
    try {
      const events = await this.storage.storedEvents.readStream(caseStream(caseId));
      return events
        .filter((event) => event.type === 'DocumentAttached')
        .flatMap((event) => (event.data as DocumentAttached['data']).storedAs ?? []);
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
  }
}
