import { keysMissingInWords } from './missing-keys-words';

describe('the words for cases whose keys are missing', () => {
  it('speaks of one case in the singular and of more in the plural, with thousands grouped', () => {
    expect(keysMissingInWords(1)).toBe(
      'The personal data of 1 case cannot be read: its key is missing though nobody erased it',
    );
    expect(keysMissingInWords(1200)).toBe(
      'The personal data of 1,200 cases cannot be read: their keys are missing though nobody erased them',
    );
  });
});
