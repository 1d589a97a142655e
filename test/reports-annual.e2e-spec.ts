import { commandsAt } from './support/commands-at';
import { complaint, person, startTestApp, type TestApp } from './support/test-app';

const staff = person('u-sam', 'staff');
const ops = person('u-olu', 'operations-manager');
const senior = person('u-sade', 'senior-manager');
const quality = person('u-quinn', 'quality');

/**
 * The Board's complaint, reproduced with real commands: "433 formal complaints received
 * but 518 outcomes; 29 external referrals but 28 cases reaching stage 4". Three formal
 * complaints under the DMM policy:
 *   X  received Wed 10 Dec 2025, referred to the ESFA on Tue 6 Jan 2026: a 2025 complaint;
 *   Y  received Mon 2 Feb 2026, answered at stage 2 (not upheld), moved to stage 3 at the
 *      complainant's request and answered there (upheld): two responses, one complaint;
 *   Z  received Wed 1 Apr 2026, referred, closed, reopened and referred again: two
 *      referrals, one complaint.
 * Counted per act in 2026 (as before), the year shows 2 received, 3 outcomes and 3
 * referrals against 1 case reaching the external stage. Counted per complaint received in
 * 2026, each complaint is counted once in every breakdown, so each adds up to 2.
 */
describe('the annual report counts each formal complaint once', () => {
  let api: TestApp;
  let commands: ReturnType<typeof commandsAt>;
  beforeAll(async () => {
    api = await startTestApp({ now: '2025-12-10T10:00:00Z' });
    commands = commandsAt(api);
    const { post } = commands;
    const formal = (at: string) =>
      post(at, staff, '/cases', complaint({ formality: 'formal', channel: 'letter' }));
    const refer = (id: string, at: string) =>
      post(at, ops, `/cases/${id}/external-referral`, { body: 'ESFA complaints team' });

    const x = await formal('2025-12-10T10:00:00Z');
    await refer(x.id, '2026-01-06T10:00:00Z');

    const y = await formal('2026-02-02T10:00:00Z');
    await post('2026-02-10T10:00:00Z', ops, `/cases/${y.id}/respond`, {
      summary: 'Sessions were held',
      outcome: 'not-upheld',
    });
    await post('2026-02-20T10:00:00Z', senior, `/cases/${y.id}/escalate`, {
      reason: 'Asked for a review',
    });
    await post('2026-03-05T10:00:00Z', senior, `/cases/${y.id}/respond`, {
      summary: 'Two sessions were missed',
      outcome: 'upheld',
    });

    const z = await formal('2026-04-01T10:00:00Z');
    await refer(z.id, '2026-04-10T10:00:00Z');
    await post('2026-04-20T10:00:00Z', ops, `/cases/${z.id}/close`, {
      reason: 'referred-externally',
    });
    await post('2026-05-01T10:00:00Z', ops, `/cases/${z.id}/reopen`, { reason: 'Sent back' });
    await refer(z.id, '2026-05-05T10:00:00Z');
    api.clock.set('2026-12-31T12:00:00Z');
  });
  afterAll(() => api.close());

  const annual = async (year: number) =>
    (await api.http.get(`/api/v1/reports/annual?year=${year}`).set(await commands.readAs(quality)))
      .body;

  it('gives each complaint received in the year one final outcome, one furthest stage and at most one referral', async () => {
    const report = await annual(2026);
    expect(report.formalComplaintsReceived).toBe(2);
    expect(report.finalOutcomes).toEqual({ upheld: 1, 'no-response': 1 });
    expect(report.furthestStage).toEqual({ 'stage-3': 1, 'stage-4': 1 });
    expect(report.referredExternally).toBe(1);
  });

  it('reconciles: the outcomes and the furthest stages each add up to the complaints received, and the referrals are those reaching the external stage', async () => {
    const report = await annual(2026);
    const total = (counts: Record<string, number>) =>
      Object.values(counts).reduce((sum, n) => sum + n, 0);
    expect(total(report.finalOutcomes)).toBe(report.formalComplaintsReceived);
    expect(total(report.furthestStage)).toBe(report.formalComplaintsReceived);
    expect(report.referredExternally).toBe(report.furthestStage['stage-4']);
  });

  it('counts the complaint received in December 2025 in 2025, referral and all', async () => {
    const report = await annual(2025);
    expect(report.formalComplaintsReceived).toBe(1);
    expect(report.furthestStage).toEqual({ 'stage-4': 1 });
    expect(report.referredExternally).toBe(1);
    expect(report.finalOutcomes).toEqual({ 'no-response': 1 });
  });

  it('says beside each figure what it counts', async () => {
    const report = await annual(2026);
    for (const figure of [
      'formalComplaintsReceived',
      'finalOutcomes',
      'furthestStage',
      'referredExternally',
      'onTime',
      'escalations',
      'closed',
      'themes',
      'medianWorkingDays',
    ])
      expect(report.definitions[figure]).toEqual(expect.stringMatching(/\w+ \w+/));
  });
});
