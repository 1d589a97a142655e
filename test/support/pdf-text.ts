import PDFParser from 'pdf2json';

/** A PDF's text, page by page, as a reader would copy it out. */
export function pdfText(pdf: Buffer): Promise<string> {
  const parser = new PDFParser(null, true);
  return new Promise((resolve, reject) => {
    parser.on('pdfParser_dataError', (error) =>
      reject(error instanceof Error ? error : new Error(String(error.parserError))),
    );
    parser.on('pdfParser_dataReady', () => resolve(parser.getRawTextContent()));
    // pdf2json reads the Buffer's whole ArrayBuffer: a small Buffer may share Node's pool.
    const own = Buffer.alloc(pdf.length);
    pdf.copy(own);
    parser.parseBuffer(own);
  });
}
