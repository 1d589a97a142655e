import { createReadStream } from 'node:fs';
import { isWordDocument } from './word-document';

/**
 * The file types a case may hold, recognised from the bytes themselves: the name and
 * declared type of an upload are whatever the sender's machine said.
 */
export const ALLOWED_MEDIA_TYPES = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpeg: 'image/jpeg',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  txt: 'text/plain',
  eml: 'message/rfc822',
} as const;
export type AllowedMediaType = (typeof ALLOWED_MEDIA_TYPES)[keyof typeof ALLOWED_MEDIA_TYPES];

/** The endings a stored name may have for each type; the first is added when it has none. */
const EXTENSIONS: Record<AllowedMediaType, readonly string[]> = {
  [ALLOWED_MEDIA_TYPES.pdf]: ['.pdf'],
  [ALLOWED_MEDIA_TYPES.png]: ['.png'],
  [ALLOWED_MEDIA_TYPES.jpeg]: ['.jpg', '.jpeg'],
  [ALLOWED_MEDIA_TYPES.docx]: ['.docx'],
  [ALLOWED_MEDIA_TYPES.txt]: ['.txt'],
  [ALLOWED_MEDIA_TYPES.eml]: ['.eml'],
};

const startsWith = (bytes: Buffer, signature: number[]) =>
  bytes.length >= signature.length && signature.every((byte, i) => bytes[i] === byte);

const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const ZIP = [0x50, 0x4b, 0x03, 0x04];

/** How much of the file opens it: enough for the signatures and an e-mail's header. */
const HEAD_BYTES = 64 * 1024;

/**
 * Control bytes other than tab, CR, LF and form feed: binary files almost always have
 * them, text never does — in UTF-8 and in Windows-1252 alike, as older Windows tools
 * still save it, since both keep ASCII as it is.
 */
// eslint-disable-next-line no-control-regex -- control characters are exactly what is being looked for
const CONTROL_BYTE = /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/;

/** HTML, SVG or XML: active content a browser would run, not a plain-text letter. */
const OPENS_WITH_TAG = /^(\xef\xbb\xbf)?\s*</;
const MARKUP_TAG = /<(html|svg|script|\?xml|!doctype|body|iframe)\b/i;
/** Long enough to hold any of the tags above, so one split between two reads is still seen. */
const TAG_OVERLAP = 16;

/** What a pass over the whole file learns for telling text from anything else. */
interface FileEvidence {
  head: Buffer;
  size: number;
  controlBytes: boolean;
  markup: boolean;
}

/** Reads the file once, piece by piece (never whole into memory). */
async function gatherEvidence(path: string): Promise<FileEvidence> {
  const headChunks: Buffer[] = [];
  let headLength = 0;
  let size = 0;
  let controlBytes = false;
  let opensWithTag: boolean | null = null;
  let markup = false;
  let carry = '';
  for await (const chunk of createReadStream(path, { highWaterMark: HEAD_BYTES })) {
    const piece = chunk as Buffer;
    size += piece.length;
    if (headLength < HEAD_BYTES) {
      headChunks.push(piece.subarray(0, HEAD_BYTES - headLength));
      headLength += Math.min(piece.length, HEAD_BYTES - headLength);
    }
    // Latin-1 maps each byte to one character: ASCII patterns match in any encoding.
    const text = carry + piece.toString('latin1');
    opensWithTag ??= OPENS_WITH_TAG.test(text);
    controlBytes ||= CONTROL_BYTE.test(text);
    markup ||= opensWithTag && MARKUP_TAG.test(text);
    carry = text.slice(-TAG_OVERLAP);
  }
  return { head: Buffer.concat(headChunks), size, controlBytes, markup };
}

/** An e-mail message (RFC 5322): it opens with header fields, among them From and Date or Subject. */
function isEmail(text: string): boolean {
  const head = text.split(/\r?\n\r?\n/, 1)[0];
  const lines = head.split(/\r?\n/);
  const fields = lines.filter((line) => !/^[ \t]/.test(line));
  if (fields.length < 2 || !fields.every((line) => /^[!-9;-~]+:/.test(line))) return false;
  const names = new Set(fields.map((line) => line.slice(0, line.indexOf(':')).toLowerCase()));
  return names.has('from') && (names.has('date') || names.has('subject'));
}

/** The type of the file at `path` as its content shows it, or null for none a case may hold. */
export async function detectMediaType(path: string): Promise<AllowedMediaType | null> {
  const { head, size, controlBytes, markup } = await gatherEvidence(path);
  if (startsWith(head, PDF)) return ALLOWED_MEDIA_TYPES.pdf;
  if (startsWith(head, PNG)) return ALLOWED_MEDIA_TYPES.png;
  if (startsWith(head, JPEG)) return ALLOWED_MEDIA_TYPES.jpeg;
  if (startsWith(head, ZIP)) return (await isWordDocument(path)) ? ALLOWED_MEDIA_TYPES.docx : null;
  if (size === 0 || controlBytes || markup) return null;
  return isEmail(head.toString('latin1')) ? ALLOWED_MEDIA_TYPES.eml : ALLOWED_MEDIA_TYPES.txt;
}

const MAX_NAME_LENGTH = 255;
/**
 * Control and format characters (among them the right-to-left override and zero-width
 * characters that make `invoice‮fdp.hta` look like a PDF), line and paragraph separators,
 * and the quote that would end a Content-Disposition parameter.
 */
const UNSAFE_IN_NAMES = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}"]/gu;

/**
 * A file name safe to store and to send back in Content-Disposition: no path, no control
 * or format characters, and ending in the extension of the type the content was found to
 * be (`notes.hta` that is text is stored as `notes.hta.txt`), so whoever opens it opens
 * what was checked.
 */
export function safeFilename(name: string, mediaType: AllowedMediaType): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .replace(UNSAFE_IN_NAMES, '')
    .trim()
    .replace(/[. ]+$/, '');
  const extensions = EXTENSIONS[mediaType];
  const own = extensions.find((ext) => cleaned.toLowerCase().endsWith(ext));
  const extension = own ? cleaned.slice(-own.length) : extensions[0];
  const stem = own ? cleaned.slice(0, -own.length) : cleaned;
  return (
    [...(stem || 'document')].slice(0, MAX_NAME_LENGTH - extension.length).join('') + extension
  );
}
