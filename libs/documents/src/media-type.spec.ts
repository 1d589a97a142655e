import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { ALLOWED_MEDIA_TYPES, detectMediaType, safeFilename } from './media-type';
import { wordDocument, zipOf } from './testing/zip-fixtures';

const bytes = (...parts: Array<string | number[]>) =>
  Buffer.concat(
    parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))),
  );

const folder = mkdtempSync(join(tmpdir(), 'clf-media-type-'));
let written = 0;
/** The type of these bytes, read back from a file as an upload is. */
const detect = (content: Buffer | Uint8Array) => {
  const path = join(folder, String((written += 1)));
  writeFileSync(path, content);
  return detectMediaType(path);
};

describe('recognising an upload from its bytes', () => {
  it.each([
    ['a PDF', bytes('%PDF-1.7\n%âãÏÓ\n1 0 obj'), ALLOWED_MEDIA_TYPES.pdf],
    [
      'a PNG',
      bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
      ALLOWED_MEDIA_TYPES.png,
    ],
    ['a JPEG', bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46]), ALLOWED_MEDIA_TYPES.jpeg],
    ['a Word document', wordDocument(), ALLOWED_MEDIA_TYPES.docx],
    [
      'UTF-8 text',
      Buffer.from('Dear Sir,\r\nThe £40 fee… was not refunded 😞\n'),
      ALLOWED_MEDIA_TYPES.txt,
    ],
    ['Windows-1252 text', bytes('The \xa340 fee \x96 still unpaid\r\n'), ALLOWED_MEDIA_TYPES.txt],
    [
      'an e-mail',
      Buffer.from(
        'Received: from mx.example\r\nFrom: Ada <ada@example.org>\r\nSubject: My complaint\r\n  continued\r\nDate: Mon, 23 Nov 2026 09:00:00 +0000\r\n\r\nHello',
      ),
      ALLOWED_MEDIA_TYPES.eml,
    ],
    [
      'long text, read in many pieces',
      Buffer.from('A long letter about the course.\n'.repeat(20_000)),
      ALLOWED_MEDIA_TYPES.txt,
    ],
  ])('recognises %s', async (_, content, expected) => expect(await detect(content)).toBe(expected));

  it.each([
    ['a Windows program, whatever it is called', bytes('MZ\x90\x00\x03\x00\x00\x00')],
    ['a zip that is not a Word document', zipOf({ 'xl/workbook.xml': '<workbook/>' })],
    [
      'a zip that only mentions the Word names in its bytes',
      bytes([0x50, 0x4b, 3, 4], '....[Content_Types].xml....word/document.xml'),
    ],
    [
      'a Java archive carrying a [Content_Types].xml and a word/ folder',
      zipOf({
        '[Content_Types].xml': '<Types/>',
        'word/readme.txt': 'hello',
        'META-INF/MANIFEST.MF': 'Main-Class: Evil',
        'Evil.class': '\xca\xfe\xba\xbe',
      }),
    ],
    [
      'a zip of a program with the Word parts beside it',
      zipOf({ '[Content_Types].xml': '<Types/>', 'word/x.txt': '', 'setup.exe': 'MZ\x90' }),
    ],
    ['a Word document with macros (vbaProject.bin)', wordDocument({ 'word/vbaProject.bin': 'x' })],
    [
      'a macro-enabled Word document (.docm) renamed .docx',
      wordDocument({}, 'application/vnd.ms-word.document.macroEnabled.main+xml'),
    ],
    ['a cut-off zip', wordDocument().subarray(0, 60)],
    ['a GIF', bytes('GIF89a\x01\x00\x01\x00')],
    ['an empty file', Buffer.alloc(0)],
    ['an HTML page', Buffer.from('<!DOCTYPE html><html><script>alert(1)</script></html>')],
    [
      'an SVG image with script',
      Buffer.from('\uFEFF<svg xmlns="http://www.w3.org/2000/svg"><script>x()</script></svg>'),
    ],
    [
      'HTML whose tag comes after the first piece read',
      Buffer.from(`<!-- ${'x'.repeat(100_000)} --><html><script>alert(1)</script></html>`),
    ],
    ['text with a NUL far into it', Buffer.from(`${'text\n'.repeat(30_000)}\u0000`)],
  ])('refuses %s', async (_, content) => expect(await detect(content)).toBeNull());

  it('calls text with a colon in its first line plain text, not e-mail', async () => {
    expect(await detect(Buffer.from('Note: called back\nNo answer'))).toBe(ALLOWED_MEDIA_TYPES.txt);
  });

  it('never takes bytes with NULs or escape codes for text', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 200 }), async (random) => {
        const content = Buffer.concat([
          Buffer.from('hello'),
          Buffer.from(random),
          Buffer.from([0]),
        ]);
        return (await detect(content)) === null;
      }),
      { numRuns: 50 },
    );
  });
});

describe('safe file names', () => {
  const { pdf, txt, jpeg, docx } = ALLOWED_MEDIA_TYPES;

  it('keeps only the last part of a path and drops control characters and quotes', () => {
    expect(safeFilename('C:\\Users\\ada\\letter.pdf', pdf)).toBe('letter.pdf');
    expect(safeFilename('../../etc/passwd', txt)).toBe('passwd.txt');
    expect(safeFilename('bad\r\nname".txt', txt)).toBe('badname.txt');
    expect(safeFilename('   ', txt)).toBe('document.txt');
  });

  it('ends in the extension of the type the bytes turned out to be', () => {
    expect(safeFilename('notes.hta', txt)).toBe('notes.hta.txt');
    expect(safeFilename('run.bat', txt)).toBe('run.bat.txt');
    expect(safeFilename('page.html', txt)).toBe('page.html.txt');
    expect(safeFilename('report', pdf)).toBe('report.pdf');
    expect(safeFilename('scan.JPEG', jpeg)).toBe('scan.JPEG');
    expect(safeFilename('scan.jpg', jpeg)).toBe('scan.jpg');
    expect(safeFilename('letter.pdf', docx)).toBe('letter.pdf.docx');
    expect(safeFilename('.pdf', pdf)).toBe('document.pdf');
  });

  it('drops format characters: a right-to-left override cannot disguise the extension', () => {
    expect(safeFilename('invoice\u202Efdp.hta', txt)).toBe('invoicefdp.hta.txt');
    expect(safeFilename('a\u200Bb\u200Dc\uFEFF\u2066d\u00AD.pdf', pdf)).toBe('abcd.pdf');
    expect(safeFilename('line\u2028break.txt', txt)).toBe('linebreak.txt');
  });

  it('is at most 255 characters and keeps its extension when shortened', () => {
    const long = safeFilename(`${'x'.repeat(400)}.pdf`, pdf);
    expect(long).toHaveLength(255);
    expect(long.endsWith('.pdf')).toBe(true);
    expect(safeFilename('x'.repeat(400), txt)).toMatch(/^x{251}\.txt$/);
  });
});
