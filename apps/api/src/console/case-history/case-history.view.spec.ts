import { calendarFor } from '#domain';
import { ann, caseAfter, policy, received } from '../case-page/testing/visible-case';
import { caseThen, differenceBetween, fieldChanges, historyRows } from './case-history.view';

const context = {
  timeZone: policy.timeZone,
  calendar: calendarFor(policy),
  now: new Date('2026-12-10T09:00:00Z'),
};

const manager = { id: 'olu', name: 'Olu Ops', roles: ['operations-manager' as const] };

/** Received on Monday, a note on Tuesday, an owner on Wednesday; stored with these ids and hashes. */
const made = caseAfter(
  received('2026-12-07T09:00:00.000Z'),
  [{ type: 'AddNote', actor: ann, data: { text: 'Called back' } }, '2026-12-08T10:00:00.000Z'],
  [
    { type: 'AssignOwner', actor: manager, data: { owner: { id: 'olu', name: 'Olu Ops' } } },
    '2026-12-09T11:00:00.000Z',
  ],
);
const visible = {
  ...made,
  events: made.events.map((event, revision) => ({
    ...event,
    metadata: { ...event.metadata, correlationId: `c${revision}` },
    hash: `${revision}`.repeat(64),
    prevHash: revision === 0 ? null : `${revision - 1}`.repeat(64),
  })),
};

describe('the history table', () => {
  it('gives each event its revision, times, who, what in words, correlation id and hash', () => {
    const [first, second] = historyRows(visible.events, null);
    expect(second).toEqual({
      revision: 1,
      occurredAt: '2026-12-08T10:00:00.000Z',
      recordedAt: '2026-12-08T10:00:00.000Z',
      who: 'Ann Lee',
      sentence: 'Ann Lee added a note.',
      details: ['Called back'],
      correlationId: 'c1',
      hash: '1'.repeat(64),
      shortHash: '1'.repeat(12),
      prevHash: '0'.repeat(64),
      unverified: false,
    });
    expect(first.prevHash).toBeNull();
  });

  it('marks the first broken revision and every one after it as not verifying', () => {
    expect(historyRows(visible.events, 1).map((row) => row.unverified)).toEqual([
      false,
      true,
      true,
    ]);
  });
});

describe('the case as the system knew it', () => {
  it('is the case page’s details from the events recorded by then, its deadlines judged then', () => {
    const then = caseThen(visible, '2026-12-08T12:00:00.000Z', context)!;
    expect(then.revision).toBe(1);
    expect(then.facts).toContainEqual({
      key: { text: 'Owner' },
      value: { text: 'Not assigned' },
    });
    expect(then.deadlines.length).toBeGreaterThan(0);
  });

  it('is nothing before the case was recorded', () => {
    expect(caseThen(visible, '2026-12-06T12:00:00.000Z', context)).toBeNull();
  });
});

describe('what changed between two moments', () => {
  it('names the fields that changed and the events in between, whichever moment comes first', () => {
    const difference = differenceBetween(
      visible,
      ['2026-12-09T12:00:00.000Z', '2026-12-08T09:00:00.000Z'],
      context,
    );
    expect(difference.from).toBe('2026-12-08T09:00:00.000Z');
    expect(difference.changes).toEqual([
      { part: 'The case', field: 'Owner', before: 'Not assigned', after: 'Olu Ops' },
    ]);
    expect(difference.events.map((row) => row.revision)).toEqual([1, 2]);
  });

  it('shows every field as newly recorded when the first moment came before the case', () => {
    const changes = fieldChanges(null, caseThen(visible, '2026-12-07T10:00:00.000Z', context));
    expect(changes).toContainEqual({
      part: 'The case',
      field: 'Summary',
      before: 'Not recorded',
      after: 'Mentor missed two sessions',
    });
    expect(changes).toContainEqual({
      part: 'Complainant',
      field: 'Name',
      before: 'Not recorded',
      after: 'Kit Young',
    });
  });
});
