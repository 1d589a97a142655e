import fc from 'fast-check';
import { WorkingDayCalendar } from '#calendar';
import {
  bundledPolicy,
  createCaseDecider,
  foldCase,
  type Actor,
  type Case,
  type CaseCommand,
  type CaseEvent,
} from '#domain';
import { eventFacts, monthOf, stateFacts, totalFacts, workingDaysBetween } from './case-facts';

describe('monthOf', () => {
  // London has its clock changes at 01:00 UTC; Kathmandu is 5:45 ahead; Apia crossed the date line.
  const zones = ['Europe/London', 'America/St_Johns', 'Asia/Kathmandu', 'Pacific/Apia'];

  it.each(zones)('agrees with the calendar’s local date of the instant in %s', (timeZone) => {
    const calendar = new WorkingDayCalendar({ timeZone });
    const instants = fc.integer({
      min: Date.parse('2010-01-01T00:00:00Z'),
      max: Date.parse('2035-12-31T23:59:59Z'),
    });
    fc.assert(
      fc.property(instants, (time) => {
        const instant = new Date(time).toISOString();
        expect(monthOf(calendar, instant)).toBe(calendar.localDateOf(new Date(time)).slice(0, 7));
      }),
      { numRuns: 2000 },
    );
  });

  it('puts the instants either side of midnight at a month’s end in their own months', () => {
    const london = new WorkingDayCalendar({ timeZone: 'Europe/London' });
    // British Summer Time: midnight on 1 July is 23:00 UTC on 30 June.
    expect(monthOf(london, '2026-06-30T22:59:59.999Z')).toBe('2026-06');
    expect(monthOf(london, '2026-06-30T23:00:00.000Z')).toBe('2026-07');
    // Greenwich Mean Time: the two agree.
    expect(monthOf(london, '2026-11-30T23:59:59.999Z')).toBe('2026-11');
    expect(monthOf(london, '2026-12-01T00:00:00.000Z')).toBe('2026-12');
    // Not in canonical form: with an offset, 22:30 UTC on 30 June, 23:30 in London.
    expect(monthOf(london, '2026-07-01T00:30:00+02:00')).toBe('2026-06');
  });
});

describe('workingDaysBetween', () => {
  it('agrees with the calendar, for any two instants', () => {
    const london = new WorkingDayCalendar({ timeZone: 'Europe/London' });
    const instants = fc.integer({
      min: Date.parse('2025-12-01T00:00:00Z'),
      max: Date.parse('2027-01-31T23:59:59Z'),
    });
    fc.assert(
      fc.property(instants, fc.integer({ min: 0, max: 90 * 86_400_000 }), (from, span) => {
        const [a, b] = [new Date(from), new Date(from + span)];
        expect(workingDaysBetween(london, a.toISOString(), b.toISOString())).toBe(
          london.workingDaysBetween(a, b),
        );
      }),
      { numRuns: 2000 },
    );
  });
});

describe('totalFacts', () => {
  it('sums counters and keeps working days in ascending order, however the rows came', () => {
    expect(
      totalFacts([
        { metric: 'received.kind.complaint', value: 1 },
        { metric: 'working-days.acknowledge.stage-1', value: 4 },
        { metric: 'received.kind.complaint', value: 1 },
        { metric: 'working-days.acknowledge.stage-1', value: 2 },
      ]),
    ).toEqual({
      totals: { 'received.kind.complaint': 2 },
      durations: { 'working-days.acknowledge.stage-1': [2, 4] },
    });
  });
});

describe('eventFacts', () => {
  const calendar = new WorkingDayCalendar({ timeZone: 'Europe/London' });

  it('counts apart a letter or a request for the next stage recorded after its window closed', () => {
    const letter: CaseEvent = {
      type: 'CorrespondenceReceived',
      occurredAt: '2026-12-20T10:00:00.000Z',
      data: { channel: 'letter', summary: 'Still unhappy', recordedAfterWindowClosed: true },
    };
    const onTime: CaseEvent = { ...letter, data: { channel: 'letter', summary: 'In time' } };
    const found = {} as Case;
    expect(eventFacts(calendar, letter, found, found)).toEqual([
      { month: '2026-12', metric: 'recorded-after-window.correspondence', value: 1 },
    ]);
    expect(eventFacts(calendar, onTime, found, found)).toEqual([]);
  });
});

describe('extended deadlines', () => {
  const calendar = new WorkingDayCalendar({ timeZone: 'Europe/London' });
  const decider = createCaseDecider(bundledPolicy('dmm'));
  const ops: Actor = { id: 'u-ops', name: 'Olu Ops', roles: ['operations-manager'] };
  const received: CaseCommand = {
    type: 'ReceiveCase',
    actor: ops,
    data: {
      caseId: 'c-1',
      reference: 'DMM-2026-00001',
      kind: 'complaint',
      formality: 'formal',
      channel: 'email',
      receivedAt: '2026-11-23T09:00:00Z',
      summary: 'Sessions missed',
      complainant: { name: 'Ada Learner', role: 'learner' },
    },
  };
  const extend = (addWorkingDays: number): CaseCommand => ({
    type: 'ExtendDeadline',
    actor: ops,
    data: { deadline: 'response', stage: 2, addWorkingDays, reason: 'Statement awaited' },
  });
  const respond: CaseCommand = {
    type: 'RespondToCase',
    actor: ops,
    data: { summary: 'Findings', outcome: 'upheld' },
  };
  const historyOf = (...steps: Array<[CaseCommand, string]>) =>
    steps.reduce<CaseEvent[]>(
      (events, [command, at]) => [
        ...events,
        ...decider.decide(command, foldCase(events), new Date(at)),
      ],
      [],
    );
  const factsOf = (history: CaseEvent[]) =>
    history.flatMap((event, index) =>
      eventFacts(
        calendar,
        event,
        foldCase(history.slice(0, index)),
        foldCase(history.slice(0, index + 1)) as Case,
      ),
    );

  it('counts a deadline extended twice once, in the month of its first extension', () => {
    const history = historyOf(
      [received, '2026-11-23T09:00:00Z'],
      [extend(2), '2026-11-30T10:00:00Z'],
      [extend(3), '2026-12-02T10:00:00Z'],
    );
    expect(factsOf(history).filter((f) => f.metric.startsWith('extensions.'))).toEqual([
      { month: '2026-11', metric: 'extensions.response.stage-2', value: 1 },
    ]);
  });

  it('judges the response against the extended date: on time before it', () => {
    const history = historyOf(
      [received, '2026-11-23T09:00:00Z'],
      [extend(2), '2026-11-30T10:00:00Z'],
      [respond, '2026-12-08T10:00:00Z'],
    );
    expect(factsOf(history)).toContainEqual({
      month: '2026-12',
      metric: 'responses.stage-2.on-time',
      value: 1,
    });
  });
});

describe('stateFacts', () => {
  const calendar = new WorkingDayCalendar({ timeZone: 'Europe/London' });
  const received = {
    receivedAt: '2026-02-02T10:00:00.000Z',
    categories: ['fees'],
    stage: 3,
    externalReferral: null,
  } as unknown as Case;

  it('dates each case’s categories, furthest stage and last outcome to its receipt, once each', () => {
    const responses = [
      { month: '2026-02', metric: 'outcomes.not-upheld', value: 1 },
      { month: '2026-02', metric: 'responses.stage-2.on-time', value: 1 },
      { month: '2026-03', metric: 'outcomes.upheld', value: 1 },
    ];
    expect(stateFacts(calendar, received, responses)).toEqual([
      { month: '2026-02', metric: 'received.category.fees', value: 1 },
      { month: '2026-02', metric: 'stage-reached.stage-3', value: 1 },
      { month: '2026-02', metric: 'final-outcome.upheld', value: 1 },
    ]);
  });

  it('counts a case never answered as having no response, and a referred case once however often referred', () => {
    const referred = {
      ...received,
      categories: [],
      stage: 4,
      externalReferral: { body: 'ESFA', referredAt: '2026-05-05T10:00:00.000Z' },
    } as unknown as Case;
    const referrals = [
      { month: '2026-04', metric: 'external-referrals', value: 1 },
      { month: '2026-05', metric: 'external-referrals', value: 1 },
    ];
    expect(stateFacts(calendar, referred, referrals)).toEqual([
      { month: '2026-02', metric: 'stage-reached.stage-4', value: 1 },
      { month: '2026-02', metric: 'final-outcome.no-response', value: 1 },
      { month: '2026-02', metric: 'referred-externally', value: 1 },
    ]);
  });
});
