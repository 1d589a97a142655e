/**
 * The file types a case may hold (DESIGN §5), recognised from the bytes themselves: the
 * name and declared type of an upload are whatever the sender's machine said.
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

const startsWith = (bytes: Buffer, signature: number[]) =>
  bytes.length >= signature.length && signature.every((byte, i) => bytes[i] === byte);

const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const ZIP = [0x50, 0x4b, 0x03, 0x04];

/** A Word document is a zip holding `[Content_Types].xml` and a `word/` part. */
function isDocx(bytes: Buffer): boolean {
  if (!startsWith(bytes, ZIP)) return false;
  return bytes.includes('[Content_Types].xml') && bytes.includes('word/');
}

/**
 * Text in UTF-8, or in Windows-1252 as older Windows tools still save it: it has no
 * control characters but tab, CR, LF and form feed, which binary files almost always do.
 */
function textOf(bytes: Buffer): string | null {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder('windows-1252').decode(bytes);
  }
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is being looked for
  return /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(text) ? null : text;
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

/** HTML, SVG or XML: active content a browser would run, not a plain-text letter. */
const isMarkup = (text: string) =>
  /^\s*</.test(text.replace(/^\uFEFF/, '')) &&
  /<(html|svg|script|\?xml|!doctype|body|iframe)\b/i.test(text);

export function sniffMediaType(bytes: Buffer): AllowedMediaType | null {
  if (startsWith(bytes, PDF)) return ALLOWED_MEDIA_TYPES.pdf;
  if (startsWith(bytes, PNG)) return ALLOWED_MEDIA_TYPES.png;
  if (startsWith(bytes, JPEG)) return ALLOWED_MEDIA_TYPES.jpeg;
  if (isDocx(bytes)) return ALLOWED_MEDIA_TYPES.docx;
  if (bytes.length === 0) return null;
  const text = textOf(bytes);
  if (text === null || isMarkup(text)) return null;
  return isEmail(text) ? ALLOWED_MEDIA_TYPES.eml : ALLOWED_MEDIA_TYPES.txt;
}

/** A file name safe to store and to send back in Content-Disposition: no path, no control characters. */
export function safeFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex -- stripping control characters
  const cleaned = base.replace(/[\u0000-\u001f\u007f"]/g, '').trim();
  return (cleaned || 'document').slice(0, 255);
}
