import type { Case } from '#domain';
import { partiesMatching, personKey, personKeysOf } from './person-keys';

const parties = (
  complainant: Partial<Case['complainant']>,
  representative: Case['representative'] = null,
): Pick<Case, 'complainant' | 'representative'> => ({
  complainant: { name: 'Ada Learner', role: 'learner', ...complainant },
  representative,
});

describe('the keys a person is found by', () => {
  it('compares e-mail addresses without regard to case, and exactly otherwise', () => {
    expect(personKey('email', ' Ada.Learner@Example.ORG ')).toBe('email:ada.learner@example.org');
    expect(personKey('email', 'ada.learner@example.org')).not.toBe(
      personKey('email', 'ada_learner@example.org'),
    );
  });

  it('compares phone numbers on their digits, written nationally or internationally', () => {
    const key = personKey('phone', '07700900123');
    expect(key).toBe('phone:07700900123');
    for (const written of [
      '07700 900123',
      '+44 7700 900123',
      '0044 7700 900123',
      '+44 (0)7700 900-123',
    ])
      expect(personKey('phone', written)).toBe(key);
  });

  it('keeps the country code of a number from abroad, however it is written', () => {
    expect(personKey('phone', '+33 1 23 45 67 89')).toBe('phone:+33123456789');
    expect(personKey('phone', '0033 1 23 45 67 89')).toBe('phone:+33123456789');
    expect(personKey('phone', '+33 1 23 45 67 89')).not.toBe(personKey('phone', '0123456789'));
  });

  it('compares names without regard to case or to spaces around and between words', () => {
    expect(personKey('name', '  ada   LEARNER ')).toBe('name:ada learner');
    expect(personKey('name', 'Ada Learner')).not.toBe(personKey('name', 'Ada Learners'));
  });

  it('has no key for a value with nothing to match', () => {
    expect(personKey('name', '   ')).toBeNull();
    expect(personKey('phone', 'ask at reception')).toBeNull();
    expect(personKey('email', '')).toBeNull();
  });
});

describe('the people of a case', () => {
  const found = parties(
    { email: 'ada@example.org', phone: '07700 900123' },
    { name: 'Ben Parent', relationship: 'father', email: 'ben@example.org' },
  );

  it('are found by the name, e-mail and phone of complainant and representative', () => {
    expect(personKeysOf(found)).toEqual([
      'name:ada learner',
      'email:ada@example.org',
      'phone:07700900123',
      'name:ben parent',
      'email:ben@example.org',
    ]);
  });

  it('says which part the person found plays, or both', () => {
    expect(partiesMatching(found, personKey('phone', '+44 7700 900123')!)).toEqual(['complainant']);
    expect(partiesMatching(found, personKey('email', 'BEN@example.org')!)).toEqual([
      'representative',
    ]);
    expect(partiesMatching(found, personKey('name', 'Someone Else')!)).toEqual([]);
    const same = parties({}, { name: 'ada learner', relationship: 'self' });
    expect(partiesMatching(same, personKey('name', 'Ada Learner')!)).toEqual([
      'complainant',
      'representative',
    ]);
    expect(personKeysOf(same)).toEqual(['name:ada learner']);
  });
});
