import type { Readable } from 'node:stream';
import { openPromise, type Entry, type ZipFile } from 'yauzl';

const CONTENT_TYPES = '[Content_Types].xml';
const MAIN_PART = 'word/document.xml';
const WORD_MAIN_CONTENT_TYPE =
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml';
/** `.docm` and templates with macros name these; a document safe to open does not. */
const MACROS = /macroEnabled|vbaProject/i;
const MACRO_PART = /(^|\/)vbaProject\.bin$/i;
/** Far more than any real Word document has; beyond it reading the directory is the attack. */
const MAX_ENTRIES = 10_000;
const MAX_CONTENT_TYPES_BYTES = 256 * 1024;

/**
 * A Word document (.docx) for real, as its zip central directory says: the content-types
 * part and the main document part, with the Word main content type and no macros. A zip
 * that merely mentions these names in its bytes (a .jar, a zip of programs) is not one.
 */
export async function isWordDocument(path: string): Promise<boolean> {
  let zip: ZipFile;
  try {
    zip = await openPromise(path, { lazyEntries: true, autoClose: false });
  } catch {
    return false;
  }
  try {
    if (zip.entryCount > MAX_ENTRIES) return false;
    const contentTypes = await findParts(zip);
    if (contentTypes === null) return false;
    const xml = await readSmallPart(zip, contentTypes);
    return xml !== null && xml.includes(WORD_MAIN_CONTENT_TYPE) && !MACROS.test(xml);
  } catch {
    return false; // a damaged zip is not a document anyone can open
  } finally {
    zip.close();
  }
}

/** The content-types entry, when the main part is there too and no macro part is. */
async function findParts(zip: ZipFile): Promise<Entry | null> {
  let contentTypes: Entry | null = null;
  let mainPart = false;
  for await (const entry of zip.eachEntry()) {
    if (MACRO_PART.test(entry.fileName)) return null;
    if (entry.fileName === CONTENT_TYPES) contentTypes = entry;
    if (entry.fileName === MAIN_PART) mainPart = true;
  }
  return mainPart ? contentTypes : null;
}

async function readSmallPart(zip: ZipFile, entry: Entry): Promise<string | null> {
  if (entry.uncompressedSize > MAX_CONTENT_TYPES_BYTES) return null;
  const stream: Readable = await zip.openReadStreamPromise(entry);
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
