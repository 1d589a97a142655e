import PDFDocument from 'pdfkit';

/** What a letter for post carries, already in words. */
export interface PrintedLetter {
  organisation: string;
  /** The date the letter is written, in words in the policy's time zone. */
  date: string;
  to: string;
  reference: string;
  subject: string;
  body: string;
}

/** A4 with 25 mm margins: what a window envelope and a home printer both expect. */
const PAGE = { size: 'A4', margin: 71 } as const;

/**
 * The letter as a PDF for post: plain text set in a standard font, one paragraph per blank
 * line, so what is printed is exactly what the trail records. Dated by the caller, and
 * with a fixed creation date, so the same letter is the same file (and the same SHA-256).
 */
export function printLetter(letter: PrintedLetter): Promise<Buffer> {
  const document = new PDFDocument({
    ...PAGE,
    info: {
      Title: letter.subject,
      Author: letter.organisation,
      CreationDate: new Date(0),
    },
    lang: 'en-GB',
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    document.on('data', (chunk: Buffer) => chunks.push(chunk));
    document.on('end', () => resolve(Buffer.concat(chunks)));
    document.on('error', reject);
  });
  document.font('Helvetica-Bold').fontSize(14).text(letter.organisation);
  document.moveDown().font('Helvetica').fontSize(11).text(letter.date, { align: 'right' });
  document.text(`Our reference: ${letter.reference}`, { align: 'right' });
  document.moveDown().text(letter.to);
  document.moveDown().font('Helvetica-Bold').text(letter.subject);
  document.font('Helvetica');
  for (const paragraph of letter.body.split(/\n{2,}/)) {
    document.moveDown().text(paragraph.trim());
  }
  document.end();
  return done;
}
