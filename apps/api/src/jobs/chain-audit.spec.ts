import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '#event-store';
import { newEvent } from '../../../../libs/event-store/src/testing/event-store.contract';
import { SqliteChainAuditResults } from '#scheduling';
import { auditEveryChain } from './chain-audit';

describe('auditEveryChain', () => {
  const dir = mkdtempSync(join(tmpdir(), 'clf-audit-'));
  const events = new SqliteEventStore({ filename: join(dir, 'events.db') });
  const chainAudits = new SqliteChainAuditResults(join(dir, 'chain-audits.db'));
  const times = ['2026-11-23T02:00:00.000Z', '2026-11-23T02:00:01.250Z'];
  const clock = () => new Date(times.shift() ?? '2026-11-23T03:00:00.000Z');
  afterAll(async () => {
    await events.close();
    await chainAudits.close();
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

    const result = await auditEveryChain({ storedEvents: events, chainAudits }, clock, () => null);

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
      stoppedEarly: null,
    });
    expect(await chainAudits.latest()).toEqual(result);
  });
});
