import { bundledPolicy } from '../../policy/bundled-policies';
import { operationsManager, receive, staff } from '../../testing/case-fixtures';
import { caseSpecification } from '../../testing/case-specification';
import { caseFlags } from '../case.flags';

const dmm = caseSpecification(bundledPolicy('dmm'));
const under18 = () =>
  dmm.after([
    receive({ complainant: { name: 'Young Learner', role: 'apprentice', under18: true } }),
    '2026-11-23T09:00:00Z',
  ]);
const withRepresentative = () =>
  dmm.after([
    receive({ representative: { name: 'Pat Parent', relationship: 'parent' } }),
    '2026-11-23T09:00:00Z',
  ]);
const notify = {
  type: 'RecordGuardianNotification' as const,
  actor: staff,
  data: { guardianName: 'Gill Guardian', method: 'phone' },
};
const waive = {
  type: 'WaiveGuardianNotification' as const,
  actor: operationsManager,
  data: { reason: 'Learner turns 18 next week and asked us not to' },
};
const authorise = (data: { receivedAt?: string; documentId?: string } = {}) => ({
  type: 'RecordRepresentativeAuthorisation' as const,
  actor: staff,
  data,
});

describe('a learner under 18: the guardian decision', () => {
  it('is recorded as a notification, which clears the flag', () => {
    under18()
      .when(notify, '2026-11-23T12:00:00Z')
      .then([
        {
          type: 'GuardianNotified',
          occurredAt: '2026-11-23T12:00:00.000Z',
          data: { guardianName: 'Gill Guardian', method: 'phone' },
        },
      ]);
    expect(caseFlags(under18().when(notify, '2026-11-23T12:00:00Z').thenState())).not.toContain(
      'guardian-decision-pending',
    );
  });

  it('or waived with a reason, which also clears it', () => {
    const state = under18().when(waive, '2026-11-23T12:00:00Z').thenState();
    expect(state.guardianDecision).toBe('waived');
    expect(caseFlags(state)).toEqual([]);
  });

  it('is made once', () => {
    const { history } = dmm.after(
      [
        receive({ complainant: { name: 'Y', role: 'learner', under18: true } }),
        '2026-11-23T09:00:00Z',
      ],
      [waive, '2026-11-23T10:00:00Z'],
    );
    dmm
      .given(...history)
      .when(notify, '2026-11-23T12:00:00Z')
      .thenRefuses('guardian-decision-recorded', 'conflict');
  });

  it('does not apply to an adult', () => {
    dmm
      .after([receive(), '2026-11-23T09:00:00Z'])
      .when(notify, '2026-11-23T12:00:00Z')
      .thenRefuses('not-under-18', 'rule');
  });
});

describe('a representative’s written authorisation', () => {
  it('is recorded with when it arrived', () => {
    withRepresentative()
      .when(authorise({ receivedAt: '2026-11-23T11:00:00Z' }), '2026-11-23T12:00:00Z')
      .then([
        {
          type: 'RepresentativeAuthorised',
          occurredAt: '2026-11-23T11:00:00.000Z',
          data: { documentId: null },
        },
      ]);
  });

  it('may point at the attached letter, which must be on the case', () => {
    withRepresentative()
      .when(authorise({ documentId: 'doc-1' }), '2026-11-23T12:00:00Z')
      .thenRefuses('unknown-document', 'invalid');
    const attach = {
      type: 'AttachDocument' as const,
      actor: staff,
      data: {
        documentId: 'doc-1',
        filename: 'consent.pdf',
        mediaType: 'application/pdf',
        size: 1000,
        sha256: 'a'.repeat(64),
      },
    };
    const { history } = dmm.after(
      [
        receive({ representative: { name: 'Pat', relationship: 'parent' } }),
        '2026-11-23T09:00:00Z',
      ],
      [attach, '2026-11-23T10:00:00Z'],
    );
    dmm
      .given(...history)
      .when(authorise({ documentId: 'doc-1' }), '2026-11-23T12:00:00Z')
      .thenMatches([{ data: { documentId: 'doc-1' } }]);
  });

  it('is refused when there is no representative, or it is already recorded', () => {
    dmm
      .after([receive(), '2026-11-23T09:00:00Z'])
      .when(authorise(), '2026-11-23T12:00:00Z')
      .thenRefuses('no-representative', 'rule');
    const { history } = dmm.after(
      [
        receive({ representative: { name: 'Pat', relationship: 'friend' } }),
        '2026-11-23T09:00:00Z',
      ],
      [authorise(), '2026-11-23T10:00:00Z'],
    );
    dmm
      .given(...history)
      .when(authorise(), '2026-11-23T12:00:00Z')
      .thenRefuses('already-authorised', 'conflict');
  });
});

describe('confidentiality', () => {
  it('records that the complainant was told it could not be kept', () => {
    const command = {
      type: 'GiveConfidentialityNotice' as const,
      actor: operationsManager,
      data: { explanation: 'Safeguarding referral required' },
    };
    const state = dmm
      .after([receive(), '2026-11-23T09:00:00Z'])
      .when(command, '2026-11-23T12:00:00Z')
      .thenState();
    expect(caseFlags(state)).toContain('confidentiality-notice-given');
  });

  it('can be told to the representative only if there is one', () => {
    const command = {
      type: 'GiveConfidentialityNotice' as const,
      actor: operationsManager,
      data: { explanation: 'x', toldTo: 'representative' as const },
    };
    dmm
      .after([receive(), '2026-11-23T09:00:00Z'])
      .when(command, '2026-11-23T12:00:00Z')
      .thenRefuses('no-representative', 'invalid');
    withRepresentative()
      .when(command, '2026-11-23T12:00:00Z')
      .thenMatches([{ data: { toldTo: 'representative' } }]);
  });
});

describe('assigning the owner', () => {
  const assign = (id: string) => ({
    type: 'AssignOwner' as const,
    actor: operationsManager,
    data: { owner: { id, name: `Owner ${id}` } },
  });

  it('records the new owner and the previous one', () => {
    const { history } = dmm.after(
      [receive(), '2026-11-23T09:00:00Z'],
      [assign('u1'), '2026-11-23T10:00:00Z'],
    );
    dmm
      .given(...history)
      .when(assign('u2'), '2026-11-23T11:00:00Z')
      .then([
        {
          type: 'OwnerAssigned',
          occurredAt: '2026-11-23T11:00:00.000Z',
          data: {
            owner: { id: 'u2', name: 'Owner u2' },
            previousOwner: { id: 'u1', name: 'Owner u1' },
          },
        },
      ]);
  });

  it('changes nothing when the owner is already assigned', () => {
    const { history } = dmm.after(
      [receive(), '2026-11-23T09:00:00Z'],
      [assign('u1'), '2026-11-23T10:00:00Z'],
    );
    dmm
      .given(...history)
      .when(assign('u1'), '2026-11-23T11:00:00Z')
      .thenNothing();
  });
});
