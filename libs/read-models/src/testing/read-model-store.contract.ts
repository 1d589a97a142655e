import type { Actor, CaseCommand } from '#domain';
import { positionAt } from '#event-store';
import { CaseProjector } from '../projection/case-projector';
import type { PersonKey } from '../person-keys';
import type { DueWork, QueueQuery, ReadModelStore } from '../read-model.port';
import { dmmRules, RecordedHistory } from './recorded-history';

const ann: Actor = { id: 'u-ann', name: 'Ann', roles: ['staff'] };
const olu: Actor = { id: 'u-olu', name: 'Olu', roles: ['operations-manager'] };
const system: Actor = { id: 'system:sla-sweep', roles: [] };
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

const receive = (
  caseId: string,
  data: Record<string, unknown> = {},
  actor: Actor = ann,
): CaseCommand => ({
  type: 'ReceiveCase',
  actor,
  data: {
    caseId,
    reference: `DMM-2026-${caseId.slice(-5)}`,
    kind: 'complaint',
    channel: 'phone',
    summary: `Complaint ${caseId.slice(-3)}`,
    complainant: { name: 'Ada Learner', role: 'learner' },
    ...data,
  },
});

/**
 * The read-model store contract: what the SQLite and MongoDB adapters must both do.
 * Histories are decided by the real decider and projected by the real projector.
 */
export function readModelStoreContract(open: () => Promise<ReadModelStore>): void {
  let store: ReadModelStore;
  let history: RecordedHistory;
  const projector = new CaseProjector(dmmRules);
  beforeEach(async () => {
    store = await open();
    history = new RecordedHistory();
  });
  afterEach(() => store.drop());

  /** Projects and saves the events, with a checkpoint counting every event recorded so far. */
  async function project(events = history.events): Promise<void> {
    const stored = await store.load(CaseProjector.caseIds(events));
    await store.save(projector.project(events, stored), {
      position: events[events.length - 1].position,
      events: history.events.length,
    });
  }
  const query = (overrides: Partial<QueueQuery> = {}): QueueQuery => ({
    sort: 'dueBy',
    limit: 50,
    now: '2026-11-30T12:00:00.000Z',
    visibility: { scope: 'all' },
    ...overrides,
  });

  /** Five complaints received a day apart from Mon 23 Nov 2026; the first acknowledged, the second closed, the third owned by Olu. */
  function fiveCases(): void {
    for (let n = 1; n <= 5; n += 1) {
      const at = `2026-11-${22 + n}T09:00:00Z`;
      history.run(id(n), receive(id(n), { categories: n % 2 ? ['mentoring'] : ['fees'] }), at);
    }
    history.run(id(1), { type: 'AcknowledgeCase', actor: ann, data: {} }, '2026-11-24T10:00:00Z');
    history.run(
      id(2),
      { type: 'CloseCase', actor: olu, data: { reason: 'withdrawn' } },
      '2026-11-25T10:00:00Z',
    );
    history.run(
      id(3),
      { type: 'AssignOwner', actor: olu, data: { owner: { id: 'u-olu', name: 'Olu' } } },
      '2026-11-26T10:00:00Z',
    );
  }

  it('stores each case with its checkpoint, and loads it back to go on from', async () => {
    fiveCases();
    await project();
    expect(await store.checkpoint()).toEqual({
      position: history.events.at(-1)!.position,
      events: history.events.length,
    });
    const loaded = await store.load([id(1), id(9)]);
    expect([...loaded.keys()]).toEqual([id(1)]);
    expect(loaded.get(id(1))).toMatchObject({ revision: 1, state: { status: 'acknowledged' } });
  });

  it('changes nothing when a batch is applied again (idempotent replay)', async () => {
    fiveCases();
    await project();
    const before = await store.page(query({ status: ['open', 'acknowledged', 'closed'] }));
    const factsBefore = await store.facts(['2026-11']);
    // The same records again, and an older version of case 1.
    await project();
    const stale = projector.project(history.events.slice(0, 1), new Map());
    await store.save(stale, { position: positionAt(1), events: 1 });
    expect(await store.page(query({ status: ['open', 'acknowledged', 'closed'] }))).toEqual(before);
    expect(await store.facts(['2026-11'])).toEqual(factsBefore);
  });

  it('lists open cases, soonest deadline first, by default', async () => {
    fiveCases();
    await project();
    const { items, next } = await store.page(query());
    expect(items.map((s) => s.id)).toEqual([id(3), id(4), id(5), id(1)]);
    expect(items[0].nextDeadline).toEqual({
      kind: 'acknowledgement',
      stage: 1,
      dueBy: '2026-11-27T23:59:59.999Z',
    });
    expect(items.at(-1)!.nextDeadline).toBeNull(); // acknowledged: nothing due at stage 1
    expect(next).toBeNull();
  });

  it('filters by status, kind, stage, owner, unassigned, overdue, due date (before and from), category, text and receipt dates', async () => {
    fiveCases();
    await project();
    const ids = async (overrides: Partial<QueueQuery>) =>
      (await store.page(query(overrides))).items.map((s) => s.id);
    expect(await ids({ status: ['closed'] })).toEqual([id(2)]);
    expect(await ids({ kind: 'compliment' })).toEqual([]);
    expect(await ids({ stage: 1 })).toHaveLength(4);
    expect(await ids({ ownerId: 'u-olu' })).toEqual([id(3)]);
    expect(await ids({ unassigned: true })).toEqual([id(4), id(5), id(1)]);
    expect(await ids({ overdue: true, now: '2026-11-28T00:00:00.000Z' })).toEqual([id(3)]);
    expect(await ids({ dueBefore: '2026-11-30T23:59:59.999Z' })).toEqual([id(3), id(4)]);
    expect(
      await ids({ dueFrom: '2026-11-28T00:00:00.000Z', dueBefore: '2026-11-30T23:59:59.999Z' }),
    ).toEqual([id(4)]);
    expect(await ids({ category: 'mentoring' })).toEqual([id(3), id(5), id(1)]);
    expect(await ids({ category: 'mentoring', q: 'complaint 005' })).toEqual([id(5)]);
    expect(await ids({ q: 'complaint 004' })).toEqual([id(4)]);
    expect(await ids({ q: '100%_' })).toEqual([]);
    expect(
      await ids({ receivedFrom: '2026-11-25T00:00:00Z', receivedTo: '2026-11-26T23:59:59Z' }),
    ).toEqual([id(3), id(4)]);
  });

  it('lists the cases behind a report figure, whatever their status', async () => {
    fiveCases();
    history.run(id(6), receive(id(6)), '2026-12-01T09:00:00Z');
    await project();
    const ids = async (metric: string, months: string[]) =>
      (
        await store.page(query({ status: [], sort: 'receivedAt', figure: { metric, months } }))
      ).items.map((s) => s.id);
    expect(await ids('acknowledgements.stage-1', ['2026-11'])).toEqual([id(1)]);
    expect(await ids('acknowledgements.stage-1.on-time', ['2026-11'])).toEqual([id(1)]);
    expect(await ids('acknowledgements.stage-1.late', ['2026-11'])).toEqual([]);
    expect(await ids('acknowledgements.stage', ['2026-11'])).toEqual([]);
    expect(await ids('closed', ['2026-11'])).toEqual([id(2)]);
    expect(await ids('received.category.fees', ['2026-11', '2026-12'])).toEqual([id(2), id(4)]);
    expect(await ids('received.kind', ['2026-12'])).toEqual([id(6)]);
    expect(await ids('received.kind', [])).toEqual([]);
  });

  it('finds a case by text in its representative’s name and either party’s e-mail or phone', async () => {
    fiveCases();
    history.run(
      id(6),
      receive(id(6), {
        complainant: {
          name: 'Ada Learner',
          role: 'learner',
          email: 'Ada.Learner@Example.org',
          phone: '+44 1632 960001',
        },
        representative: {
          name: 'Rita Okafor',
          relationship: 'parent',
          email: 'rita@family.example',
          phone: '07700 900123',
        },
      }),
      '2026-11-28T09:00:00Z',
    );
    await project();
    const ids = async (q: string) => (await store.page(query({ q }))).items.map((s) => s.id);
    expect(await ids('rita okafor')).toEqual([id(6)]);
    expect(await ids('ada.learner@example')).toEqual([id(6)]);
    expect(await ids('rita@family.example')).toEqual([id(6)]);
    expect(await ids('1632 960001')).toEqual([id(6)]);
    expect(await ids('07700900123')).toEqual([id(6)]);
    expect(await ids('ok')).toEqual([id(6)]);
    expect(await ids('parent')).toEqual([]);
  });

  it('finds every case about a person, as complainant or representative, whoever may see it', async () => {
    fiveCases();
    const ada = { name: 'Ada  Learner', role: 'learner', email: 'Ada@Example.org' };
    history.run(id(6), receive(id(6), { complainant: ada }), '2026-11-28T09:00:00Z');
    history.run(
      id(7),
      receive(id(7), {
        complainant: { name: 'Ben Pupil', role: 'learner', phone: '07700 900123' },
        representative: { name: 'Ada Learner', relationship: 'aunt', email: 'ada@example.org' },
      }),
      '2026-11-29T09:00:00Z',
    );
    await project();
    const about = async (key: PersonKey) => (await store.casesAbout(key)).map((c) => c.id);
    expect(await about('email:ada@example.org')).toEqual([id(6), id(7)]);
    expect(await about('phone:07700900123')).toEqual([id(7)]);
    expect(await about('name:ada learner')).toEqual([1, 2, 3, 4, 5, 6, 7].map(id));
    expect(await about('name:ada')).toEqual([]);
    expect((await store.casesAbout('email:ada@example.org'))[1].representative?.name).toBe(
      'Ada Learner',
    );
  });

  it('shows staff only the cases they received or own, and nobody-scoped callers nothing', async () => {
    fiveCases();
    history.run(id(6), receive(id(6), {}, olu), '2026-11-28T09:00:00Z');
    await project();
    const seen = async (visibility: QueueQuery['visibility']) =>
      (await store.page(query({ visibility, status: ['open', 'acknowledged'] }))).items
        .map((s) => s.id)
        .sort();
    expect(await seen({ scope: 'participant', personId: 'u-olu' })).toEqual([id(3), id(6)]);
    expect(await seen({ scope: 'none' })).toEqual([]);
  });

  it('pages through every sort with no duplicates or gaps', async () => {
    for (let n = 1; n <= 23; n += 1)
      history.run(
        id(n),
        receive(id(n)),
        `2026-11-${String(1 + (n % 20)).padStart(2, '0')}T09:00:00Z`,
      );
    await project();
    for (const sort of ['dueBy', '-dueBy', 'receivedAt', '-receivedAt'] as const) {
      const all = (await store.page(query({ sort, limit: 200 }))).items.map((s) => s.id);
      const paged: string[] = [];
      let cursor: QueueQuery['cursor'];
      do {
        const page = await store.page(query({ sort, limit: 5, cursor }));
        paged.push(...page.items.map((s) => s.id));
        cursor = page.next ?? undefined;
      } while (cursor);
      expect({ sort, paged }).toEqual({ sort, paged: all });
      expect(new Set(paged).size).toBe(23);
    }
  });

  it('counts open cases for the dashboard', async () => {
    fiveCases();
    await project();
    expect(
      await store.openCounts(
        { scope: 'all' },
        '2026-11-28T00:00:00.000Z',
        '2026-12-01T23:59:59.999Z',
      ),
    ).toEqual({
      byKind: { complaint: 4 },
      byStage: { '1': 4 },
      byStatus: { open: 3, acknowledged: 1 },
      overdue: 1,
      dueSoon: 2,
      unassigned: 3,
      total: 4,
    });
    expect(
      await store.openTotals(
        { scope: 'participant', personId: 'u-olu' },
        '2026-11-28T00:00:00.000Z',
        '2026-12-01T23:59:59.999Z',
      ),
    ).toEqual({ overdue: 1, dueSoon: 0, unassigned: 0, total: 1 });
  });

  it('totals report facts by month, filtered by kind and formality, and counts themes', async () => {
    fiveCases();
    history.run(
      id(7),
      receive(id(7), { formality: 'formal', channel: 'letter' }),
      '2026-12-01T09:00:00Z',
    );
    await project();
    const november = await store.facts(['2026-11']);
    expect(november.totals).toMatchObject({
      'received.kind.complaint': 5,
      'received.category.mentoring': 3,
      'received.category.fees': 2,
      'acknowledgements.stage-1.on-time': 1,
      'closed.withdrawn': 1,
    });
    expect(november.durations).toEqual({ 'working-days.acknowledge.stage-1': [1] });
    expect((await store.facts(['2026-12'], { formality: 'formal' })).totals).toEqual({
      'received.kind.complaint': 1,
      'received.channel.letter': 1,
      'received.formality.formal': 1,
      'stage-reached.stage-2': 1,
      'final-outcome.no-response': 1,
    });
    const byMonth = await store.factsByMonth(['2026-10', '2026-11', '2026-12'], {
      sections: ['received', 'closed'],
    });
    expect([...byMonth.keys()]).toEqual(['2026-10', '2026-11', '2026-12']);
    expect(byMonth.get('2026-10')).toEqual({ totals: {}, durations: {} });
    expect(byMonth.get('2026-11')!.totals).toEqual({
      'received.kind.complaint': 5,
      'received.channel.phone': 5,
      'received.category.mentoring': 3,
      'received.category.fees': 2,
      'received.formality.informal': 5,
      'closed.withdrawn': 1,
    });
    expect(byMonth.get('2026-12')!.totals).toMatchObject({ 'received.kind.complaint': 1 });
    expect((await store.facts(['2026-11'], { sections: ['acknowledgements'] })).totals).toEqual({
      'acknowledgements.stage-1.on-time': 1,
    });
    expect(await store.themes(['2026-11', '2026-12'])).toEqual([
      { month: '2026-11', category: 'mentoring', count: 3 },
      { month: '2026-11', category: 'fees', count: 2 },
    ]);
  });

  it('moves a case’s facts when it becomes formal or is recategorised, event by event', async () => {
    history.run(id(1), receive(id(1), { categories: ['fees'] }), '2026-11-23T09:00:00Z');
    history.run(
      id(1),
      { type: 'EscalateCase', actor: olu, data: { reason: 'Put in writing', inWriting: true } },
      '2026-11-24T09:00:00Z',
    );
    history.run(
      id(1),
      { type: 'ChangeCategories', actor: olu, data: { categories: ['mentoring'] } },
      '2026-11-25T09:00:00Z',
    );
    history.run(id(2), receive(id(2), { categories: ['fees'] }), '2026-11-26T09:00:00Z');
    for (const event of history.events) await project([event]);

    // Facts follow what the case is now: formal, about mentoring (and received informal).
    expect((await store.facts(['2026-11'], { formality: 'formal' })).totals).toEqual({
      'received.kind.complaint': 1,
      'received.channel.phone': 1,
      'received.formality.informal': 1,
      'received.category.mentoring': 1,
      'escalations.to-stage-2': 1,
      'stage-reached.stage-2': 1,
      'final-outcome.no-response': 1,
    });
    expect((await store.facts(['2026-11'], { formality: 'informal' })).totals).toEqual({
      'received.kind.complaint': 1,
      'received.channel.phone': 1,
      'received.formality.informal': 1,
      'received.category.fees': 1,
      'stage-reached.stage-1': 1,
      'final-outcome.no-response': 1,
    });
    expect(await store.themes(['2026-11'])).toEqual([
      { month: '2026-11', category: 'fees', count: 1 },
      { month: '2026-11', category: 'mentoring', count: 1 },
    ]);
    expect((await store.page(query({ category: 'fees' }))).items.map((s) => s.id)).toEqual([id(2)]);
  });

  describe('the deadline index the scheduled jobs read', () => {
    it('lists the cases whose next deadline has passed, soonest first, and forgets those that acted', async () => {
      fiveCases();
      await project();
      // Acknowledgements due Wed 25th (case 1, met), Thu 26th (2, closed), Fri 27th (3), Mon 30th (4), Tue 1 Dec (5).
      expect(await store.dueWork('sla-sweep', '2026-11-30T12:00:00.000Z', { limit: 10 })).toEqual([
        { caseId: id(3), dueAt: '2026-11-28T00:00:00.000Z' },
      ]);
      expect(
        (await store.dueWork('sla-sweep', '2026-12-02T00:00:00.000Z', { limit: 10 })).map(
          (w) => w.caseId,
        ),
      ).toEqual([id(3), id(4), id(5)]);
      history.run(
        id(3),
        { type: 'RecordMissedDeadlines', actor: system, data: {} },
        '2026-11-30T12:00:00Z',
      );
      await project();
      expect(await store.dueWork('sla-sweep', '2026-11-30T12:00:00.000Z', { limit: 10 })).toEqual(
        [],
      );
    });

    it('pages after the last candidate, so a run never meets a case twice', async () => {
      for (let n = 1; n <= 7; n += 1) history.run(id(n), receive(id(n)), '2026-11-23T09:00:00Z');
      await project();
      const now = '2026-12-31T00:00:00.000Z';
      const seen: string[] = [];
      let after: DueWork | undefined;
      for (;;) {
        const page = await store.dueWork('sla-sweep', now, { limit: 3, after });
        if (page.length === 0) break;
        seen.push(...page.map((w) => w.caseId));
        after = page.at(-1);
      }
      expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7].map(id));
    });

    it('lists responded cases once their month of silence has ended', async () => {
      history.run(id(1), receive(id(1), { formality: 'formal' }), '2026-01-20T09:00:00Z');
      history.run(
        id(1),
        { type: 'RespondToCase', actor: olu, data: { summary: 'Findings', outcome: 'upheld' } },
        '2026-01-30T12:00:00Z',
      );
      await project();
      expect(await store.dueWork('auto-close', '2026-02-28T23:59:59.999Z', { limit: 5 })).toEqual(
        [],
      );
      expect(await store.dueWork('auto-close', '2026-03-01T00:00:00.000Z', { limit: 5 })).toEqual([
        { caseId: id(1), dueAt: '2026-03-01T00:00:00.000Z' },
      ]);
      expect(
        await store.dueWork('same-day-escalation', '2027-01-01T00:00:00.000Z', { limit: 5 }),
      ).toEqual([]);
    });
  });

  describe('personal data', () => {
    const dpo: Actor = { id: 'u-dee', name: 'Dee', roles: ['data-protection'] };
    const dataProtection = (type: 'EraseCase' | 'PlaceLegalHold', reason: string): CaseCommand =>
      ({ type, actor: dpo, data: { reason } }) as CaseCommand;

    it('purges an erased case’s personal data: the search no longer finds it, the counts stay', async () => {
      history.run(
        id(1),
        receive(id(1), {
          complainant: { name: 'Zebedee Quill', role: 'learner', phone: '07700 900123' },
        }),
        '2026-11-23T09:00:00Z',
      );
      await project();
      const before = await store.facts(['2026-11']);
      expect((await store.page(query({ q: 'zebedee' }))).items.map((s) => s.id)).toEqual([id(1)]);
      history.run(id(1), dataProtection('EraseCase', 'Asked'), '2026-11-23T10:00:00Z');
      await project();
      expect(await store.page(query({ q: 'zebedee' }))).toMatchObject({ items: [] });
      expect(await store.page(query({ q: '900123' }))).toMatchObject({ items: [] });
      const [erased] = (await store.page(query())).items;
      expect(erased).toMatchObject({
        complainant: '[erased]',
        summary: '[erased]',
        personalDataErasedAt: '2026-11-23T10:00:00.000Z',
      });
      expect(await store.facts(['2026-11'])).toEqual(before);
    });

    it('names closed cases past retention, not erased or held ones, and lists held cases', async () => {
      for (const n of [1, 2, 3]) {
        history.run(id(n), receive(id(n)), '2020-02-28T09:00:00Z');
        history.run(
          id(n),
          { type: 'CloseCase', actor: olu, data: { reason: 'withdrawn' } },
          '2020-02-29T10:00:00Z',
        );
      }
      history.run(id(2), dataProtection('PlaceLegalHold', 'Claim'), '2020-03-02T10:00:00Z');
      history.run(id(3), dataProtection('EraseCase', 'Asked'), '2020-03-02T10:00:00Z');
      await project();
      expect(await store.dueWork('retention', '2026-02-28T23:59:59.999Z', { limit: 5 })).toEqual(
        [],
      );
      expect(await store.dueWork('retention', '2026-03-01T00:00:00.000Z', { limit: 5 })).toEqual([
        { caseId: id(1), dueAt: '2026-03-01T00:00:00.000Z' },
      ]);
      const ids = async (filter: Partial<QueueQuery>) =>
        (await store.page(query({ status: [], ...filter }))).items.map((s) => s.id);
      expect(await ids({ retentionDueBy: '2026-03-31T00:00:00.000Z' })).toEqual([id(1)]);
      expect(await ids({ underLegalHold: true })).toEqual([id(2)]);
    });
  });

  describe('the outbox index the console reads', () => {
    const letter = (letterId: string): CaseCommand => ({
      type: 'SendLetter',
      actor: olu,
      data: {
        letterId,
        template: 'acknowledgement',
        channels: ['email'],
        addressedTo: 'complainant',
        subject: 'Your complaint',
        body: 'Dear Ada',
      },
    });
    const mail = { id: 'system:mail', roles: [] };
    const withEmail = { complainant: { name: 'Ada', role: 'learner', email: 'ada@example.org' } };

    it('names the cases holding an e-mail (waiting or failed), oldest first, and no others', async () => {
      for (const n of [1, 2, 3])
        history.run(id(n), receive(id(n), withEmail), '2026-11-23T09:00:00Z');
      history.run(id(2), letter('l-2'), '2026-11-24T09:00:00Z');
      history.run(id(1), letter('l-1'), '2026-11-25T09:00:00Z');
      await project();
      const all = () => store.dueWork('outbox', '9999-12-31T23:59:59.999Z', { limit: 10 });
      expect(await all()).toEqual([
        { caseId: id(2), dueAt: '2026-11-24T09:00:00.000Z' },
        { caseId: id(1), dueAt: '2026-11-25T09:00:00.000Z' },
      ]);
      history.run(
        id(2),
        {
          type: 'RecordEmailDelivered',
          actor: mail,
          data: { letterId: 'l-2', messageId: '<l-2@x>' },
        },
        '2026-11-26T09:00:00Z',
      );
      history.run(
        id(1),
        {
          type: 'RecordEmailFailed',
          actor: mail,
          data: { letterId: 'l-1', reason: '550', attempts: 5 },
        },
        '2026-11-26T09:00:00Z',
      );
      await project();
      expect(await all()).toEqual([{ caseId: id(1), dueAt: '2026-11-25T09:00:00.000Z' }]);
      const [failed] = (await store.load([id(1)])).get(id(1))!.state.letters;
      expect(failed).toMatchObject({ emailDelivery: 'failed', failure: { attempts: 5 } });
    });

    it('holds no e-mail of a case whose personal data was erased (it will never go)', async () => {
      history.run(id(1), receive(id(1), withEmail), '2026-11-23T09:00:00Z');
      history.run(id(1), letter('l-1'), '2026-11-24T09:00:00Z');
      await project();
      const all = () => store.dueWork('outbox', '9999-12-31T23:59:59.999Z', { limit: 10 });
      expect(await all()).toHaveLength(1);
      history.run(
        id(1),
        {
          type: 'EraseCase',
          actor: { id: 'u-dee', name: 'Dee', roles: ['data-protection'] },
          data: { reason: 'Asked' },
        } as CaseCommand,
        '2026-11-24T10:00:00Z',
      );
      await project();
      expect(await all()).toEqual([]);
    });
  });
}
