import { isPermanentRefusal } from './mail-transport';

describe('a mail server’s refusal', () => {
  it('is for good with a 5xx reply, worth another try with a 4xx or no reply at all', () => {
    expect(
      isPermanentRefusal(Object.assign(new Error('No such user'), { responseCode: 550 })),
    ).toBe(true);
    expect(isPermanentRefusal(Object.assign(new Error('Try later'), { responseCode: 451 }))).toBe(
      false,
    );
    expect(
      isPermanentRefusal(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ESOCKET' })),
    ).toBe(false);
  });
});
