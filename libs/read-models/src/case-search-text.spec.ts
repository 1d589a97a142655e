import { caseSearchText } from './case-search-text';

const complainant = { name: 'Ada Learner', role: 'learner' } as const;

describe('caseSearchText', () => {
  it('holds the reference, summary and complainant’s name, lower case', () => {
    expect(
      caseSearchText({
        reference: 'DMM-2026-00042',
        summary: 'Mentor missed two sessions',
        complainant,
        representative: null,
      }),
    ).toBe('dmm-2026-00042 mentor missed two sessions ada learner');
  });

  it('adds the e-mail and phone of both parties, and each phone’s digits alone', () => {
    const text = caseSearchText({
      reference: 'DMM-2026-00042',
      summary: 'S',
      complainant: { ...complainant, email: 'Ada@Example.org', phone: '01632960001' },
      representative: {
        name: 'Rita Okafor',
        relationship: 'parent',
        email: 'rita@family.example',
        phone: '+44 7700 900123',
      },
    });
    expect(text).toBe(
      'dmm-2026-00042 s ada learner ada@example.org 01632960001 rita okafor rita@family.example +44 7700 900123 447700900123',
    );
  });
});
