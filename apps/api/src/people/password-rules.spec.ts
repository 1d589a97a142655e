import { passwordProblem } from './password-rules';

describe('password rules', () => {
  it('takes a long password nobody would guess', () => {
    expect(passwordProblem('plum kettle orbit lantern')).toBeNull();
  });

  it('asks for at least 12 characters', () => {
    expect(passwordProblem('Tr0ub4dor&3')).toMatch(/at least 12 characters/);
  });

  it('refuses a common password, whatever its letter case', () => {
    expect(passwordProblem('1q2w3e4r5t6y')).toMatch(/most often/);
    expect(passwordProblem('1Q2W3E4R5T6Y')).toMatch(/most often/);
  });

  it('refuses the person’s own e-mail address', () => {
    expect(passwordProblem('Ann.Lee@college.example', 'ann.lee@college.example')).toMatch(
      /e-mail address/,
    );
  });
});
