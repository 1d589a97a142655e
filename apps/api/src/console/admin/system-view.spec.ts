import { bundledPolicy } from '#domain';
import type { AppConfig } from '../../config/app-config';
import {
  healthRows,
  policyRows,
  stageDeadlines,
  storageRows,
  summaryRows,
  withoutSecrets,
} from './system-view';

describe('the system page', () => {
  it('shows where a connection points, never its user, password or secret parameters', () => {
    expect(withoutSecrets('esdb://admin:changeit@eventstore:2113?tls=false')).toBe(
      'esdb://eventstore:2113?tls=false',
    );
    expect(
      withoutSecrets(
        'mongodb://clf:s3cret@mongo1:27017,mongo2:27017/clf?replicaSet=rs0&tlsCertificateKeyFilePassword=x',
      ),
    ).toBe('mongodb://mongo1:27017,mongo2:27017/clf?replicaSet=rs0');
    expect(withoutSecrets('mongodb://mongo:27017/clf')).toBe('mongodb://mongo:27017/clf');
  });

  it('names the data directory, or the stores of the distributed profile', () => {
    expect(storageRows({ profile: 'embedded', dataDir: '/var/lib/clf' } as AppConfig)).toEqual([
      { key: 'Data directory', value: '/var/lib/clf' },
    ]);
    const distributed = {
      profile: 'distributed',
      eventStoreConnectionString: 'esdb://a:b@es:2113',
      mongodbUri: 'mongodb://u:p@mongo/clf',
    } as AppConfig;
    expect(JSON.stringify(storageRows(distributed))).not.toMatch(/a:b|u:p/);
  });

  it('lists the policy’s stages by name with their deadlines in words', () => {
    const rows = policyRows(bundledPolicy('dmm'));
    expect(rows[0]).toEqual({
      name: 'Stage 1: Local resolution',
      handledBy: 'Teaching mentor or Operations Manager',
      deadlines: ['Acknowledge within 2 working days'],
    });
    expect(rows.map((r) => r.name)).toEqual(expect.arrayContaining(['Compliments', 'Suggestions']));
    const external = bundledPolicy('dmm').complaints.stages.find((s) => s.external)!;
    expect(stageDeadlines(external)[0]).toMatch(/^Referred to .+: no internal deadlines$/);
  });

  it('says each readiness check in words', () => {
    expect(
      healthRows({
        status: 'not-ready',
        role: 'all',
        checks: {
          eventStore: 'ok',
          documents: 'unavailable',
          readModels: { status: 'behind', lagEvents: 40, lagSeconds: 31 },
          policy: 'dmm@2022-02',
        },
      }),
    ).toEqual([
      { key: 'Overall', value: 'Not ready to take work' },
      { key: 'Event store', value: 'Working' },
      { key: 'Documents', value: 'Cannot be reached' },
      { key: 'Read models', value: 'Behind (40 events, 31 seconds behind)' },
    ]);
  });

  it('gives rows as GOV.UK’s summary list takes them', () => {
    expect(summaryRows([{ key: 'Version', value: '0.1.0' }])).toEqual([
      { key: { text: 'Version' }, value: { text: '0.1.0' } },
    ]);
  });
});
