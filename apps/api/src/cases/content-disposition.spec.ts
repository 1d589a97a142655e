import { contentDisposition } from './content-disposition';

describe('the name a document is served under', () => {
  it('is made safe again when served: a name stored before names were checked loses its tricks', () => {
    const header = contentDisposition({
      filename: 'invoice\u202Efdp.hta',
      mediaType: 'text/plain',
    });
    expect(header).toBe(
      `attachment; filename="invoicefdp.hta.txt"; filename*=UTF-8''invoicefdp.hta.txt`,
    );
  });

  it('keeps a UTF-8 name for clients that read filename*, and an ASCII one for the rest', () => {
    expect(
      contentDisposition({ filename: 'Lettre de Zoë.pdf', mediaType: 'application/pdf' }),
    ).toBe(`attachment; filename="Lettre de Zo_.pdf"; filename*=UTF-8''Lettre%20de%20Zo%C3%AB.pdf`);
  });

  it('falls back to a plain name for a type no longer taken', () => {
    expect(contentDisposition({ filename: 'x\u0000.bin', mediaType: 'application/zip' })).toBe(
      `attachment; filename="document"; filename*=UTF-8''document`,
    );
  });
});
