import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import type { AttachDocument } from '#domain';
import { positionAt } from '#event-store';
import { ann, caseAfter, received } from '../console/case-page/testing/visible-case';
import { subjectAccessArchive, uniqueNames } from './subject-access-archive';
import { zipEntries } from './testing/zip-entries';

const attach = (documentId: string, filename: string, sha256: string): [AttachDocument, string] => [
  {
    type: 'AttachDocument',
    actor: ann,
    data: { documentId, filename, mediaType: 'application/pdf', size: 4, sha256 },
  },
  '2026-12-07T10:00:00.000Z',
];

describe('the subject access ZIP', () => {
  const made = caseAfter(
    received(),
    attach('d1', 'letter.pdf', 'a'.repeat(64)),
    attach('d2', '../LETTER.PDF', 'b'.repeat(64)),
    attach('d3', 'gone.pdf', 'c'.repeat(64)),
  );
  // As the store records them: each in its place in the global order.
  const loaded = {
    ...made,
    events: made.events.map((event, n) => ({ ...event, position: positionAt(n + 1) })),
  };
  const stored: Record<string, string> = { ['a'.repeat(64)]: 'one', ['b'.repeat(64)]: 'two' };

  it('holds the summary, each case’s history and its documents under safe, unique names', async () => {
    const zip = await buffer(
      subjectAccessArchive({
        summaryHtml: '<!DOCTYPE html><title>Summary</title>',
        cases: [{ loaded }],
        openDocument: async (_caseId, { sha256 }) =>
          stored[sha256] === undefined ? null : Readable.from([Buffer.from(stored[sha256])]),
      }),
    );
    const entries = await zipEntries(zip);
    expect([...entries.keys()]).toEqual([
      'summary.html',
      'cases/DMM-2026-00001/history.json',
      'cases/DMM-2026-00001/documents/letter.pdf',
      'cases/DMM-2026-00001/documents/LETTER (2).PDF',
    ]);
    expect(entries.get('summary.html')!.toString()).toContain('<title>Summary</title>');
    const history = JSON.parse(entries.get('cases/DMM-2026-00001/history.json')!.toString());
    expect(history).toMatchObject({ reference: 'DMM-2026-00001', asOf: null });
    expect(history.events.map((e: { type: string }) => e.type)).toEqual([
      'CaseReceived',
      'DocumentAttached',
      'DocumentAttached',
      'DocumentAttached',
    ]);
    expect(entries.get('cases/DMM-2026-00001/documents/LETTER (2).PDF')!.toString()).toBe('two');
  });

  it('fails as a stream when a document cannot be read, rather than ending short', async () => {
    const zip = subjectAccessArchive({
      summaryHtml: '',
      cases: [{ loaded }],
      openDocument: async () => {
        throw new Error('store unavailable');
      },
    });
    await expect(buffer(zip)).rejects.toThrow('store unavailable');
  });
});

describe('names in a folder', () => {
  it('are each given once, numbered after the first, whatever their case', () => {
    expect(uniqueNames(['a.pdf', 'A.pdf', 'a.pdf', 'b', 'b'])).toEqual([
      'a.pdf',
      'A (2).pdf',
      'a (3).pdf',
      'b',
      'b (2)',
    ]);
  });
});
