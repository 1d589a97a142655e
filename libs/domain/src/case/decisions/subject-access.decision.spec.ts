import { bundledPolicy } from '../../policy/bundled-policies';
import { cast, person, receive, sweep } from '../../testing/case-fixtures';
import { caseSpecification } from '../../testing/case-specification';
import type { RecordSubjectAccessExport } from '../case.commands';

const dmm = caseSpecification(bundledPolicy('dmm'));
const officer = { id: 'u-dpo', name: 'Dana Protect', roles: ['data-protection'] as const };

const recordExport = (
  actor: RecordSubjectAccessExport['actor'] = officer,
  exportId = 'export-1',
): RecordSubjectAccessExport => ({
  type: 'RecordSubjectAccessExport',
  actor,
  data: { exportId, matchedOn: 'email' },
});

describe('recording a subject access export', () => {
  const received = () =>
    dmm.after([receive({ receivedAt: '2026-12-23T10:00:00Z' }), '2026-12-23T10:00:00Z']);

  it('records who asked and what was matched on, for a case data protection cannot otherwise see', () => {
    received()
      .when(recordExport(), '2026-12-24T09:00:00Z')
      .then([
        {
          type: 'PersonalDataExported',
          occurredAt: '2026-12-24T09:00:00.000Z',
          data: {
            exportId: 'export-1',
            matchedOn: 'email',
            requestedBy: { id: 'u-dpo', name: 'Dana Protect' },
          },
        },
      ]);
  });

  it('records the same export once', () => {
    const { history } = dmm.after(
      [receive({ receivedAt: '2026-12-23T10:00:00Z' }), '2026-12-23T10:00:00Z'],
      [recordExport(), '2026-12-24T09:00:00Z'],
    );
    dmm
      .given(...history)
      .when(recordExport(), '2026-12-24T09:01:00Z')
      .thenNothing();
    dmm
      .given(...history)
      .when(recordExport(officer, 'export-2'), '2026-12-24T09:02:00Z')
      .thenMatches([{ type: 'PersonalDataExported', data: { exportId: 'export-2' } }]);
  });

  it('catches up no scheduled work: the deadline missed meanwhile is the sweep’s to record', () => {
    received()
      .when(recordExport(), '2027-01-10T09:00:00Z')
      .thenMatches([{ type: 'PersonalDataExported' }]);
    const { history } = dmm.after(
      [receive({ receivedAt: '2026-12-23T10:00:00Z' }), '2026-12-23T10:00:00Z'],
      [recordExport(), '2027-01-10T09:00:00Z'],
    );
    dmm
      .given(...history)
      .when(sweep, '2027-01-10T09:05:00Z')
      .thenMatches([{ type: 'DeadlineMissed' }]);
  });

  it('is data protection’s alone: others who see the case are refused, others who do not find nothing', () => {
    received()
      .when(recordExport(cast.quality), '2026-12-24T09:00:00Z')
      .thenRefuses('role-not-permitted');
    received()
      .when(recordExport(cast.otherStaff), '2026-12-24T09:00:00Z')
      .thenRefuses('case-not-found');
    received()
      .when(recordExport(person('u-admin', 'admin')), '2026-12-24T09:00:00Z')
      .thenRefuses('case-not-found');
  });

  it('needs the case to exist', () => {
    dmm.given().when(recordExport(), '2026-12-24T09:00:00Z').thenRefuses('case-not-found');
  });
});
