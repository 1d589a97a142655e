import type { LocalDate } from '#calendar';
import type { Addressee, SendLetter } from '#domain';
import { ann, caseAfter, received } from '../console/case-page/testing/visible-case';
import { summaryHtml, summaryView } from './subject-access-summary';
import type { SubjectAccessExport } from './subject-access.service';

const letter = (
  letterId: string,
  addressedTo: Addressee,
  subject: string,
): [SendLetter, string] => [
  {
    type: 'SendLetter',
    actor: ann,
    data: {
      letterId,
      template: 'acknowledgement',
      channels: ['email'],
      addressedTo,
      email: 'someone@example.com',
      subject,
      body: 'Dear <reader>,\nThank you.',
    },
  },
  '2026-12-08T11:30:00.000Z',
];

const exported = (roles: SubjectAccessExport['cases'][number]['roles']): SubjectAccessExport => ({
  exportId: 'export-1',
  search: { matchedOn: 'email', value: 'kit@example.com', key: 'email:kit@example.com' },
  requestedBy: { id: 'u-dpo', name: 'Dana Protect' },
  at: new Date('2026-12-09T16:05:00.000Z'),
  day: '2026-12-09' as LocalDate,
  cases: [
    {
      loaded: caseAfter(
        received(),
        [
          { type: 'RecordRepresentativeAuthorisation', actor: ann, data: {} },
          '2026-12-08T11:00:00.000Z',
        ],
        letter('l1', 'complainant', 'Your complaint'),
        letter('l2', 'representative', 'Your child’s complaint'),
      ),
      roles,
    },
  ],
});

describe('the summary of a subject access export', () => {
  it('says who was searched for, when and by whom, in local time', () => {
    const view = summaryView(exported(['complainant']), 'Europe/London');
    expect(view).toMatchObject({
      searchedFor: 'e-mail address “kit@example.com”',
      at: 'Wed 9 Dec 2026, 4:05pm',
      requestedBy: 'Dana Protect',
    });
  });

  it('lists each case with the person’s part in it, what is held about them, and the letters sent to them', () => {
    const [found] = summaryView(exported(['complainant']), 'Europe/London').cases;
    expect(found).toMatchObject({
      reference: 'DMM-2026-00001',
      kind: 'Complaint',
      received: 'Mon 7 Dec 2026, 9:00am',
      status: 'Open',
      roles: 'the complainant',
      summary: 'Mentor missed two sessions',
    });
    expect(found.held).toEqual([
      {
        role: 'the complainant',
        lines: [
          { label: 'Name', value: 'Kit Young' },
          { label: 'E-mail', value: 'kit@example.com' },
          { label: 'Who they are', value: 'Learner' },
          { label: 'Under 18', value: 'Yes' },
        ],
      },
    ]);
    expect(found.letters.map((l) => l.subject)).toEqual(['Your complaint']);
    const both = summaryView(exported(['complainant', 'representative']), 'Europe/London');
    expect(both.cases[0].roles).toBe('the complainant and the representative');
    expect(both.cases[0].letters).toHaveLength(2);
  });

  it('is one HTML page with everything typed in shown as text', () => {
    const html = summaryHtml(exported(['complainant']), 'Daisy Meadow Training', 'Europe/London');
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('What Daisy Meadow Training holds about you');
    expect(html).toContain('Dear &lt;reader&gt;,');
    expect(html).not.toMatch(/<(link|script|img)\b/);
  });
});
