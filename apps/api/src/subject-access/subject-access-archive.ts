import { once } from 'node:events';
import { extname } from 'node:path';
import type { Readable } from 'node:stream';
import archiver from 'archiver';
import type { DocumentRef } from '#domain';
import { safeDocumentName } from '../cases/content-disposition';
import { caseHistory } from '../history/case-history';

/** The file a document is in, within its case's folder of the ZIP. */
const DOCUMENTS_FOLDER = 'documents';

/** What goes in the ZIP besides the cases' own records. */
export interface ArchiveContents {
  summaryHtml: string;
  cases: Array<{ loaded: Parameters<typeof caseHistory>[0] }>;
  /** A stored document's bytes, or null when the store has none (they are listed in the history). */
  openDocument: (caseId: string, document: DocumentRef) => Promise<Readable | null>;
}

/** "letter.pdf", "letter (2).pdf", …: each name once in a folder, compared without regard to case. */
export function uniqueNames(names: readonly string[]): string[] {
  const taken = new Set<string>();
  return names.map((name) => {
    const extension = extname(name);
    const stem = name.slice(0, name.length - extension.length);
    let candidate = name;
    for (let n = 2; taken.has(candidate.toLowerCase()); n += 1)
      candidate = `${stem} (${n})${extension}`;
    taken.add(candidate.toLowerCase());
    return candidate;
  });
}

async function fill(archive: archiver.Archiver, contents: ArchiveContents): Promise<void> {
  archive.append(contents.summaryHtml, { name: 'summary.html' });
  for (const { loaded } of contents.cases) {
    const folder = `cases/${loaded.state.reference}`;
    archive.append(JSON.stringify(caseHistory(loaded), null, 2), {
      name: `${folder}/history.json`,
    });
    const { documents } = loaded.state;
    const names = uniqueNames(documents.map(safeDocumentName));
    for (const [index, document] of documents.entries()) {
      const content = await contents.openDocument(loaded.state.id, document);
      if (!content) continue;
      const name = `${folder}/${DOCUMENTS_FOLDER}/${names[index]}`;
      archive.append(content, { name });
      // One document open at a time: the next is opened once this one is in.
      while (((await once(archive, 'entry')) as [archiver.EntryData])[0].name !== name);
    }
  }
  await archive.finalize();
}

/**
 * The export as one ZIP, streamed as it is made: `summary.html`, then for each case
 * `cases/<reference>/history.json` (as the history endpoint gives it) and its documents
 * under `cases/<reference>/documents/`, names made safe and unique.
 */
export function subjectAccessArchive(contents: ArchiveContents): Readable {
  const archive = archiver('zip', { zlib: { level: 6 } });
  fill(archive, contents).catch((error: Error) => archive.destroy(error));
  return archive;
}
