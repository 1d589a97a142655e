import fc from 'fast-check';
import { ALLOWED_MEDIA_TYPES, safeFilename, sniffMediaType } from './media-type';

const bytes = (...parts: Array<string | number[]>) =>
  Buffer.concat(
    parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))),
  );

describe('recognising an upload from its bytes', () => {
  it.each([
    ['a PDF', bytes('%PDF-1.7\n%âãÏÓ\n1 0 obj'), ALLOWED_MEDIA_TYPES.pdf],
    [
      'a PNG',
      bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
      ALLOWED_MEDIA_TYPES.png,
    ],
    ['a JPEG', bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46]), ALLOWED_MEDIA_TYPES.jpeg],
    [
      'a Word document',
      bytes([0x50, 0x4b, 3, 4], '....[Content_Types].xml....word/document.xml'),
      ALLOWED_MEDIA_TYPES.docx,
    ],
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
  ])('recognises %s', (_, content, expected) => expect(sniffMediaType(content)).toBe(expected));

  it.each([
    ['a Windows program, whatever it is called', bytes('MZ\x90\x00\x03\x00\x00\x00')],
    ['a zip that is not a Word document', bytes([0x50, 0x4b, 3, 4], 'xl/workbook.xml')],
    ['a GIF', bytes('GIF89a\x01\x00\x01\x00')],
    ['an empty file', Buffer.alloc(0)],
    ['an HTML page', Buffer.from('<!DOCTYPE html><html><script>alert(1)</script></html>')],
    [
      'an SVG image with script',
      Buffer.from('\uFEFF<svg xmlns="http://www.w3.org/2000/svg"><script>x()</script></svg>'),
    ],
  ])('refuses %s', (_, content) => expect(sniffMediaType(content)).toBeNull());

  it('calls text with a colon in its first line plain text, not e-mail', () => {
    expect(sniffMediaType(Buffer.from('Note: called back\nNo answer'))).toBe(
      ALLOWED_MEDIA_TYPES.txt,
    );
  });

  it('never takes bytes with NULs or escape codes for text', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 200 }), (random) => {
        const content = Buffer.concat([
          Buffer.from('hello'),
          Buffer.from(random),
          Buffer.from([0]),
        ]);
        return sniffMediaType(content) === null;
      }),
    );
  });
});

describe('safe file names', () => {
  it('keeps only the last part of a path and drops control characters and quotes', () => {
    expect(safeFilename('C:\\Users\\ada\\letter.pdf')).toBe('letter.pdf');
    expect(safeFilename('../../etc/passwd')).toBe('passwd');
    expect(safeFilename('bad\r\nname".txt')).toBe('badname.txt');
    expect(safeFilename('   ')).toBe('document');
    expect(safeFilename('x'.repeat(400))).toHaveLength(255);
  });
});
