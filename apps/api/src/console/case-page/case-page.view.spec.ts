import { calendarFor, type Actor, type CaseCommand } from '#domain';
import {
  casePageView,
  dataProtectionBanners,
  kindInWords,
  sizeInWords,
  stageInWords,
} from './case-page.view';
import { ann, caseAfter, policy, received as receivedAt } from './testing/visible-case';

const received = receivedAt();

const context = {
  timeZone: policy.timeZone,
  calendar: calendarFor(policy),
  now: new Date('2026-12-08T09:00:00Z'),
};

const rowsOf = (rows: Array<{ key: { text: string }; value: { text: string } }>) =>
  Object.fromEntries(rows.map((row) => [row.key.text, row.value.text]));

describe('the case page’s view', () => {
  it('gives the details and parties as text rows, leaving out what the case does not hold', () => {
    const view = casePageView(caseAfter(received), context);
    expect(rowsOf(view.facts)).toEqual({
      Kind: 'Complaint (informal)',
      Stage: 'Stage 1: Local resolution',
      Status: 'Open',
      Received: 'Mon 7 Dec 2026, 9:00am, by phone',
      Summary: 'Mentor missed two sessions',
      Categories: 'None',
      Owner: 'Not assigned',
      'Recorded by': 'Ann Lee',
    });
    expect(rowsOf(view.parties.complainant)).toEqual({
      Name: 'Kit Young',
      Role: 'Learner',
      'Email address': 'kit@example.com',
      'Under 18': 'Yes',
    });
    expect(rowsOf(view.parties.representative!)).toMatchObject({
      Relationship: 'parent',
      'Written authority': 'Not received',
    });
  });

  it('shows the flags that call for action as warnings', () => {
    const view = casePageView(caseAfter(received), context);
    expect(view.flags).toEqual([
      { text: expect.stringContaining('representative is not authorised'), warning: true },
      { text: expect.stringContaining('under 18'), warning: true },
    ]);
  });

  it('lists deadlines in words, the timeline newest first, and links each document', () => {
    const view = casePageView(
      caseAfter(received, [
        {
          type: 'AttachDocument',
          actor: ann,
          data: {
            documentId: 'd-1',
            filename: 'email.eml',
            mediaType: 'message/rfc822',
            size: 2048,
            sha256: 'a'.repeat(64),
          },
        },
        '2026-12-07T10:00:00.000Z',
      ]),
      context,
    );
    expect(view.deadlines).toEqual([
      expect.objectContaining({ what: 'Acknowledgement, stage 1', tag: 'Due in 1 working day' }),
    ]);
    expect(view.timeline.map((entry) => entry.sentence)).toEqual([
      'Ann Lee attached the document email.eml.',
      'Ann Lee recorded the complaint, received by phone at stage 1 (Local resolution).',
    ]);
    expect(view.documents).toEqual([
      {
        href: '/cases/DMM-2026-00001/documents/d-1',
        filename: 'email.eml',
        size: '2 KB',
        attachedAt: '2026-12-07T10:00:00.000Z',
      },
    ]);
  });
});

describe('the data-protection banners', () => {
  const dee: Actor = { id: 'dee', name: 'Dee Prior', roles: ['data-protection'] };
  const command = (type: 'EraseCase' | 'PlaceLegalHold', reason: string): CaseCommand =>
    ({ type, actor: dee, data: { reason } }) as CaseCommand;

  it('says when, by whom and why a case is held, and when it was erased', () => {
    const held = caseAfter(received, [
      command('PlaceLegalHold', 'Tribunal claim'),
      '2026-12-07T10:00:00Z',
    ]).state;
    expect(dataProtectionBanners(held, policy.timeZone)).toEqual([
      'Under legal hold since Mon 7 Dec 2026, 10:00am: Tribunal claim',
    ]);
    const erased = caseAfter(received, [command('EraseCase', 'Asked'), '2026-12-07T11:30:00Z']);
    expect(dataProtectionBanners(erased.state, policy.timeZone)).toEqual([
      'Personal data erased on Mon 7 Dec 2026, 11:30am by Dee Prior: Asked',
    ]);
    expect(casePageView(erased, context).summary).toBe('[erased]');
  });

  it('warns when personal data cannot be read though the case was not erased (its key is missing)', () => {
    const plain = caseAfter(received);
    expect(casePageView(plain, context).personalDataUnreadable).toBe(false);
    const unreadable = {
      ...plain,
      events: plain.events.map((event) => ({ ...event, personalData: 'unreadable' as const })),
    };
    expect(casePageView(unreadable, context).personalDataUnreadable).toBe(true);
  });

  it('names the retention job when no person erased it, and shows nothing for a plain case', () => {
    const found = caseAfter(received).state;
    expect(dataProtectionBanners(found, policy.timeZone)).toEqual([]);
    const erasedByJob = {
      ...found,
      erasure: { at: '2032-12-08T00:00:00.000Z', reason: 'Kept 6 years', by: null },
    };
    expect(dataProtectionBanners(erasedByJob, policy.timeZone)).toEqual([
      'Personal data erased on Wed 8 Dec 2032, 12:00am by the retention job: Kept 6 years',
    ]);
  });
});

describe('case facts in words', () => {
  it('says the kind with its formality, and the stage with its name', () => {
    expect(kindInWords({ kind: 'complaint', formality: 'formal' })).toBe('Complaint (formal)');
    expect(kindInWords({ kind: 'compliment', formality: null })).toBe('Compliment');
    expect(stageInWords({ stage: 2, stageName: 'Formal' })).toBe('Stage 2: Formal');
    expect(stageInWords({ stage: null, stageName: null })).toBeNull();
  });

  it('gives sizes as people read them', () => {
    expect(sizeInWords(512)).toBe('512 bytes');
    expect(sizeInWords(2048)).toBe('2 KB');
    expect(sizeInWords(1.5 * 1024 * 1024)).toBe('1.5 MB');
  });
});
