import { storedDataOf, withStoredData, type RecordedEvent } from './event-envelope';
import { hashEvent, hashHolds } from './hash-chain';
import { positionAt } from './position';
import { newEvent } from './testing/event-store.contract';

describe('an event changed on the way out, knowing its data as stored', () => {
  const stored = { sealed: { fields: ['summary'], values: 'AAAA' } };
  const recorded: RecordedEvent = {
    ...newEvent('CaseReceived', stored),
    stream: 'clfcase-1',
    revision: 0,
    position: positionAt(1),
    recordedAt: '2026-12-01T09:00:01.000Z',
    prevHash: null,
    hash: '',
  };
  recorded.hash = hashEvent({ ...recorded, data: stored, actor: recorded.metadata.actor });

  it('still hashes as stored, though its data now reads otherwise', () => {
    const opened = withStoredData({ ...recorded, data: { summary: 'Late marking' } }, stored);
    expect(storedDataOf(opened)).toBe(stored);
    expect(hashHolds(opened)).toBe(true);
    expect(hashHolds({ ...recorded, data: { summary: 'Late marking' } })).toBe(false);
  });

  it('keeps it out of sight: not serialised, not compared, not copied by a spread', () => {
    const opened = withStoredData({ ...recorded, data: { summary: 'Late marking' } }, stored);
    const serialised = JSON.stringify(opened, (_key, value: unknown) =>
      typeof value === 'bigint' ? value.toString() : value,
    );
    expect(serialised).not.toContain('AAAA');
    expect(Object.keys(opened)).toEqual(Object.keys(recorded));
    expect(opened).toEqual({ ...recorded, data: { summary: 'Late marking' } });
    const copy = { ...opened };
    expect(storedDataOf(copy)).toEqual({ summary: 'Late marking' });
  });
});
