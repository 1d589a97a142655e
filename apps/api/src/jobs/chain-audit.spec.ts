import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '#event-store';
import { newEvent } from '../../../../libs/event-store/src/testing/event-store.contract';
import { SqliteChainAuditResults } from '#scheduling';
import { newDataKey, SealedEventStore, SqliteCaseKeyStore } from '#personal-data';
import { auditEveryChain } from './chain-audit';

describe('auditEveryChain', () => {
  const dir = mkdtempSync(join(tmpdir(), 'clf-audit-'));
  const events = new SqliteEventStore({ filename: join(dir, 'events.db') });
  const chainAudits = new SqliteChainAuditResults(join(dir, 'chain-audits.db'));
  const keys = new SqliteCaseKeyStore(join(dir, 'case-keys.db'), newDataKey());
  const caseKeys = new SealedEventStore(events, keys);
  const times = ['2026-11-23T02:00:00.000Z', '2026-11-23T02:00:01.250Z'];
  const clock = () => new Date(times.shift() ?? '2026-11-23T03:00:00.000Z');
  afterAll(async () => {
    await events.close();
    await chainAudits.close();
    await keys.close();
  });

  const tamper = (stream: string, revision: number) =>
    events.database
      .prepare(
        "UPDATE events SET data = json_set(data, '$.n', 99) WHERE stream = ? AND revision = ?",
      )
      .run(stream, revision);

  it('checks only case streams, names broken cases by their first event’s reference, and keeps the result', async () => {
    const named = 'clfcase-2b8d2cf1-3d2c-4a59-9a8e-1c4b7f0f7a01';
    const headless = 'clfcase-2b8d2cf1-3d2c-4a59-9a8e-1c4b7f0f7a02';
    await events.append(
      named,
      [newEvent('CaseReceived', { reference: 'DMM-2026-00007' }), newEvent()],
      'no-stream',
    );
    await events.append(headless, [newEvent(), newEvent()], 'no-stream');
    await events.append('staffdirectory-1', [newEvent()], 'no-stream');
    tamper(named, 1);
    events.database.prepare('DELETE FROM events WHERE stream = ? AND revision = 0').run(headless);

    const result = await auditEveryChain(
      { storedEvents: events, chainAudits, caseKeys },
      clock,
      () => null,
    );

    expect(result).toEqual({
      runId: expect.any(String),
      startedAt: '2026-11-23T02:00:00.000Z',
      finishedAt: '2026-11-23T02:00:01.250Z',
      durationMs: 1_250,
      casesChecked: 2,
      eventsChecked: 3,
      broken: [
        { stream: named, reference: 'DMM-2026-00007', brokenAtRevision: 1 },
        { stream: headless, reference: null, brokenAtRevision: 1 },
      ],
      keysMissing: [],
      stoppedEarly: null,
    });
    expect(await chainAudits.latest()).toEqual(result);
  });

  it('names the cases holding personal data whose key is missing, not those erased', async () => {
    const [kept, lost, erased] = ['03', '04', '05'].map(
      (n) => `2b8d2cf1-3d2c-4a59-9a8e-1c4b7f0f7a${n}`,
    );
    const received = (reference: string) =>
      newEvent('CaseReceived', { reference, summary: 'Someone’s account' });
    await caseKeys.append(`clfcase-${kept}`, [received('DMM-2026-00010')], 'no-stream');
    await caseKeys.append(`clfcase-${erased}`, [received('DMM-2026-00012')], 'no-stream');
    await caseKeys.forget(erased, new Date());
    // Sealed with a key this store never had (a key store replaced by another).
    const elsewhere = new SqliteCaseKeyStore(join(dir, 'other-keys.db'), newDataKey());
    await new SealedEventStore(events, elsewhere).append(
      `clfcase-${lost}`,
      [received('DMM-2026-00011')],
      'no-stream',
    );
    await elsewhere.close();

    const result = await auditEveryChain(
      { storedEvents: events, chainAudits, caseKeys },
      () => new Date('2026-11-24T02:00:00Z'),
      () => null,
    );
    expect(result.keysMissing).toEqual([
      { stream: `clfcase-${lost}`, reference: 'DMM-2026-00011' },
    ]);
  });
});
