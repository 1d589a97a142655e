import { csvCell } from './worklist-csv';

describe('worklist CSV cells', () => {
  it('quotes every cell and doubles quotes inside', () => {
    expect(csvCell('Said "never again", twice')).toBe('"Said ""never again"", twice"');
  });

  it('keeps a spreadsheet from running what people typed as a formula', () => {
    for (const typed of ['=HYPERLINK("http://x")', '+1', '-2+3', '@SUM(A1)'])
      expect(csvCell(typed)).toBe(`"'${typed.replace(/"/g, '""')}"`);
  });
});
