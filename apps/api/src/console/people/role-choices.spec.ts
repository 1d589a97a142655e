import { ROLES } from '#domain';
import { ROLE_DESCRIPTIONS, roleItems } from './role-choices';

describe('the roles as an administrator chooses them', () => {
  it('offers every role, described, with those chosen ticked', () => {
    const items = roleItems(['quality']);
    expect(items.map((item) => item.value)).toEqual([...ROLES]);
    expect(items.filter((item) => item.checked).map((item) => item.value)).toEqual(['quality']);
    expect(ROLE_DESCRIPTIONS.admin).toBe(
      'Administrator: people and roles, projections and jobs; no case content',
    );
  });
});
