import { InputValidationError } from '../../http/problem';
import { guardianNotificationCommand } from './guardian-notification';

const actor = { id: 'u-ann', roles: ['staff'] } as const;

describe('a guardian notification request', () => {
  it('records that the guardian was told', () => {
    expect(
      guardianNotificationCommand({ guardianName: 'Bea', method: 'phone' }, actor),
    ).toMatchObject({ type: 'RecordGuardianNotification', data: { guardianName: 'Bea' } });
  });

  it('waives telling them, with a reason', () => {
    expect(guardianNotificationCommand({ waived: true, reason: 'estranged' }, actor)).toEqual({
      type: 'WaiveGuardianNotification',
      actor,
      data: { reason: 'estranged' },
    });
  });

  it('refuses a waiver mixed with a notification, and a reason without a waiver', () => {
    expect(() =>
      guardianNotificationCommand({ waived: true, reason: 'r', method: 'phone' }, actor),
    ).toThrow(InputValidationError);
    expect(() =>
      guardianNotificationCommand({ guardianName: 'Bea', method: 'phone', reason: 'r' }, actor),
    ).toThrow(InputValidationError);
  });
});
