import { MAX_LISTED_ERRORS, problem } from './problem';

const fieldErrors = (count: number) =>
  Array.from({ length: count }, (_, i) => ({ field: `f${i}`, message: 'wrong' }));

describe('problem', () => {
  it('lists every field at fault up to the cap, without saying any were left off', () => {
    const body = problem(400, 'validation-failed', 'Invalid.', {
      errors: fieldErrors(MAX_LISTED_ERRORS),
    });
    expect(body.errors).toHaveLength(MAX_LISTED_ERRORS);
    expect(body).not.toHaveProperty('errorsLeftOff');
    expect(body.detail).toBe('Invalid.');
  });

  it('lists the first fields past the cap and says how many more there were', () => {
    const body = problem(400, 'validation-failed', 'Invalid.', {
      errors: fieldErrors(MAX_LISTED_ERRORS + 7),
    });
    expect(body.errors!.map((e) => e.field)).toEqual(
      fieldErrors(MAX_LISTED_ERRORS).map((e) => e.field),
    );
    expect(body.errorsLeftOff).toBe(7);
    expect(body.detail).toContain('7 more');
  });

  it('names its type after the code, and leaves out errors it was not given', () => {
    expect(problem(409, 'case-closed', 'Closed.')).toEqual({
      type: 'urn:clf:problem:case-closed',
      title: 'Conflict',
      status: 409,
      detail: 'Closed.',
      code: 'case-closed',
    });
  });
});
