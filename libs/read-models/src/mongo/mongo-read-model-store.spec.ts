import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { describeWithServer } from '../../../event-store/src/testing/describe-with-server';
import { CaseProjector } from '../projection/case-projector';
import { dmmRules, RecordedHistory } from '../testing/recorded-history';
import { readModelStoreContract } from '../testing/read-model-store.contract';
import { dueWorkQuery, queueQuery } from './mongo-queue-query';
import { MongoReadModelStore } from './mongo-read-model-store';
import { toDocument } from './mongo-read-model-writer';

describeWithServer('MONGODB_URI', 'MongoReadModelStore against MongoDB (contract)', (uri) => {
  let client: MongoClient;
  beforeAll(async () => (client = await new MongoClient(uri).connect()));
  afterAll(() => client.close());
  readModelStoreContract(async () => {
    const store = new MongoReadModelStore(client.db(`clf-test-${randomUUID()}`), 1);
    await store.prepare();
    return store;
  });
});

describe('MongoDB queue queries (no server needed)', () => {
  const base = {
    sort: 'dueBy' as const,
    limit: 50,
    now: '2026-11-30T12:00:00.000Z',
    visibility: { scope: 'all' as const },
  };

  it('defaults to open cases, soonest deadline first, with the id as tie-break', () => {
    expect(queueQuery(base)).toEqual({
      filter: { isOpen: true },
      sort: { dueAsc: 1, _id: 1 },
      field: 'dueAsc',
    });
  });

  it('finds the cases behind a report figure by a fact under its metric in one of its months', () => {
    const { filter } = queueQuery({
      ...base,
      status: [],
      figure: { metric: 'responses.stage-1', months: ['2026-11'] },
    });
    expect(filter).toEqual({
      facts: {
        $elemMatch: {
          month: { $in: ['2026-11'] },
          metric: { $regex: '^responses\\.stage-1(\\.|$)' },
        },
      },
    });
    const { $elemMatch } = filter.facts as { $elemMatch: { metric: { $regex: string } } };
    const pattern = new RegExp($elemMatch.metric.$regex);
    expect(['responses.stage-1', 'responses.stage-1.late'].every((m) => pattern.test(m))).toBe(
      true,
    );
    expect(['responses.stage-10', 'responses.stage-1x'].some((m) => pattern.test(m))).toBe(false);
  });

  it('applies visibility in the query, not after it', () => {
    expect(
      queueQuery({ ...base, visibility: { scope: 'participant', personId: 'u1' } }).filter,
    ).toEqual({
      $and: [{ $or: [{ recipientId: 'u1' }, { ownerId: 'u1' }] }, { isOpen: true }],
    });
    expect(queueQuery({ ...base, visibility: { scope: 'none' } }).filter).toEqual({
      $and: [{ _id: { $in: [] } }, { isOpen: true }],
    });
  });

  it('continues after the cursor in the direction of the sort', () => {
    const { filter, sort } = queueQuery({
      ...base,
      sort: '-receivedAt',
      cursor: { after: '2026-11-01T00:00:00.000Z', id: 'c9' },
    });
    expect(sort).toEqual({ receivedAt: -1, _id: -1 });
    expect(filter).toEqual({
      $and: [
        { isOpen: true },
        {
          $or: [
            { receivedAt: { $lt: '2026-11-01T00:00:00.000Z' } },
            { receivedAt: '2026-11-01T00:00:00.000Z', _id: { $lt: 'c9' } },
          ],
        },
      ],
    });
  });

  it('escapes text search, and filters every field', () => {
    const { filter } = queueQuery({
      ...base,
      q: 'a.b*(c)',
      status: ['closed'],
      kind: 'complaint',
      stage: 2,
      ownerId: 'u2',
      overdue: true,
      dueBefore: '2026-12-01T00:00:00.000Z',
      dueFrom: '2026-11-30T12:00:00.000Z',
      category: 'fees',
      receivedFrom: '2026-01-01T00:00:00.000Z',
      receivedTo: '2026-12-31T23:59:59.999Z',
    });
    expect(filter).toEqual({
      $and: [
        { status: { $in: ['closed'] } },
        { kind: 'complaint' },
        { stage: 2 },
        { ownerId: 'u2' },
        { nextDueBy: { $ne: null, $lt: '2026-11-30T12:00:00.000Z' } },
        { nextDueBy: { $ne: null, $lte: '2026-12-01T00:00:00.000Z' } },
        { nextDueBy: { $ne: null, $gte: '2026-11-30T12:00:00.000Z' } },
        { categories: 'fees' },
        { search: { $regex: 'a\\.b\\*\\(c\\)' } },
        { receivedAt: { $gte: '2026-01-01T00:00:00.000Z' } },
        { receivedAt: { $lte: '2026-12-31T23:59:59.999Z' } },
      ],
    });
  });

  it('maps a record to one document holding its queue fields and facts', () => {
    const history = new RecordedHistory();
    const caseId = '00000000-0000-4000-8000-000000000001';
    history.receive(caseId, 'DMM-2026-00001', 'Late', '2026-11-23T09:00:00Z');
    const [record] = new CaseProjector(dmmRules).project(history.events, new Map());
    expect(toDocument(record)).toMatchObject({
      _id: caseId,
      revision: 0,
      isOpen: true,
      ownerId: null,
      recipientId: 'u-ann',
      search: 'dmm-2026-00001 late ada',
      dueAsc: '2026-11-25T23:59:59.999Z',
      dueDesc: '2026-11-25T23:59:59.999Z',
      categories: ['fees'],
      facts: expect.arrayContaining([
        { month: '2026-11', metric: 'received.category.fees', value: 1 },
      ]),
    });
  });
});

describe('MongoDB deadline-index queries (no server needed)', () => {
  it('asks for work due by now, soonest first, through the job’s own partial index', () => {
    expect(dueWorkQuery('sla-sweep', '2026-11-30T12:00:00.000Z')).toEqual({
      filter: { sweepDue: { $type: 'string', $lte: '2026-11-30T12:00:00.000Z' } },
      sort: { sweepDue: 1, _id: 1 },
      field: 'sweepDue',
    });
  });

  it('goes on after the previous page’s last case, ties broken by id', () => {
    const after = { caseId: 'c-7', dueAt: '2026-11-28T00:00:00.000Z' };
    expect(dueWorkQuery('auto-close', '2026-12-01T00:00:00.000Z', after).filter).toEqual({
      $and: [
        { autoCloseDue: { $type: 'string', $lte: '2026-12-01T00:00:00.000Z' } },
        {
          $or: [
            { autoCloseDue: { $gt: after.dueAt } },
            { autoCloseDue: after.dueAt, _id: { $gt: 'c-7' } },
          ],
        },
      ],
    });
  });

  it('keeps each job’s due instant in the case document', () => {
    const history = new RecordedHistory();
    history.run(
      'c-1',
      {
        type: 'ReceiveCase',
        actor: { id: 'u-ann', roles: ['staff'] },
        data: {
          caseId: 'c-1',
          reference: 'DMM-2026-00001',
          kind: 'complaint',
          channel: 'phone',
          summary: 'Late again',
          complainant: { name: 'Ada', role: 'learner' },
        },
      },
      '2026-11-23T09:00:00Z',
    );
    const [record] = new CaseProjector(dmmRules).project(history.events, new Map());
    expect(toDocument(record)).toMatchObject({
      sweepDue: '2026-11-26T00:00:00.000Z',
      autoCloseDue: null,
      sameDayDue: null,
    });
  });
});
