import type { Actor } from '#domain';
import { ann, caseAfter, policy, received } from '../testing/visible-case';
import { offeredActions } from './offered-actions';

const now = new Date('2026-12-07T10:00:00Z');
const ops: Actor = { id: 'olu', name: 'Olu Ops', roles: ['operations-manager'] };
const auditor: Actor = { id: 'aud', name: 'Al Auditor', roles: ['auditor'] };

describe('the actions the case page offers', () => {
  it('offers the forms of what the domain says this person may do, in its order', () => {
    const { forms, mayAttach } = offeredActions(caseAfter(received()).state, ops, policy, now);
    expect([...forms.keys()].slice(0, 4)).toEqual(['acknowledge', 'assign', 'escalate', 'respond']);
    expect(forms.has('reopen')).toBe(false);
    expect(mayAttach).toBe(true);
  });

  it('puts the guardian’s notification and its waiver on one form', () => {
    const { forms } = offeredActions(caseAfter(received()).state, ops, policy, now);
    expect(forms.get('guardian-notification')?.map((action) => action.type)).toEqual([
      'RecordGuardianNotification',
      'WaiveGuardianNotification',
    ]);
  });

  it('offers nothing to someone who may only read, and no assigning to staff', () => {
    const found = caseAfter(received()).state;
    expect(offeredActions(found, auditor, policy, now)).toEqual({
      forms: new Map(),
      mayAttach: false,
    });
    expect(offeredActions(found, ann, policy, now).forms.has('assign')).toBe(false);
  });
});
