import { InputValidationError } from '../http/problem';
import { searchOf } from './subject-access-search';

const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(InputValidationError);
    return (error as InputValidationError).errors.map((e) => `${e.field}: ${e.message}`);
  }
  throw new Error('not refused');
};

describe('a subject access search', () => {
  it('is by the one field given, looked up by its key', () => {
    expect(searchOf({ email: ' Kit@Example.com ' })).toEqual({
      matchedOn: 'email',
      value: 'Kit@Example.com',
      key: 'email:kit@example.com',
    });
    expect(searchOf({ phone: '+44 7700 900123', name: '' })).toMatchObject({
      matchedOn: 'phone',
      key: 'phone:07700900123',
    });
    expect(searchOf({ name: 'Kit  Young' }).key).toBe('name:kit young');
  });

  it('needs exactly one of e-mail, phone or name', () => {
    expect(refusal(() => searchOf({}))).toEqual([
      'email: Give exactly one of email, phone or name',
      'phone: Give exactly one of email, phone or name',
      'name: Give exactly one of email, phone or name',
    ]);
    expect(refusal(() => searchOf({ email: 'a@b.c', name: 'Kit', phone: ' ' }))).toEqual([
      'email: Give exactly one of email, phone or name',
      'name: Give exactly one of email, phone or name',
    ]);
  });

  it('needs something to match in what is given', () => {
    expect(refusal(() => searchOf({ phone: 'call reception' }))).toEqual([
      'phone: phone must be a phone number with digits in it',
    ]);
    expect(refusal(() => searchOf({ email: 'kit' }))).toEqual([
      'email: email must be an e-mail address',
    ]);
  });
});
