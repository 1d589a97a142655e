import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { wordDocument, zipOf } from './testing/zip-fixtures';
import { isWordDocument } from './word-document';

const folder = mkdtempSync(join(tmpdir(), 'clf-word-'));
const fileOf = (name: string, content: Buffer) => {
  const path = join(folder, name);
  writeFileSync(path, content);
  return path;
};

describe('telling a Word document from its zip central directory', () => {
  it('takes a document with its content types and main part', async () => {
    expect(await isWordDocument(fileOf('letter.docx', wordDocument()))).toBe(true);
  });

  it('refuses one without the main document part', async () => {
    const noMain = zipOf({ '[Content_Types].xml': '<Types/>', 'word/styles.xml': '<styles/>' });
    expect(await isWordDocument(fileOf('no-main.docx', noMain))).toBe(false);
  });

  it('refuses macros, whether as a part or as a content type', async () => {
    const vba = wordDocument({ 'word/vbaProject.bin': 'Attribute VB_Name' });
    expect(await isWordDocument(fileOf('vba.docx', vba))).toBe(false);
    const docm = wordDocument({}, 'application/vnd.ms-word.document.macroEnabled.main+xml');
    expect(await isWordDocument(fileOf('docm.docx', docm))).toBe(false);
  });

  it('refuses what is not a zip at all, or a damaged one', async () => {
    expect(await isWordDocument(fileOf('text.docx', Buffer.from('hello')))).toBe(false);
    const damaged = wordDocument();
    damaged.fill(0, damaged.length - 30);
    expect(await isWordDocument(fileOf('damaged.docx', damaged))).toBe(false);
  });
});
