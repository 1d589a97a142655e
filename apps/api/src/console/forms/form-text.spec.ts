import { formText } from './form-text';

describe('a form’s text field', () => {
  it('is trimmed and cut to length, and empty when not sent as one value', () => {
    expect(formText('  Ann Lee ')).toBe('Ann Lee');
    expect(formText('x'.repeat(400))).toHaveLength(300);
    expect(formText('abcdef', 3)).toBe('abc');
    expect(formText(['a', 'b'])).toBe('');
    expect(formText(undefined)).toBe('');
  });
});
