import type { ChainAuditResult, ChainAuditResults } from '../chain-audit-results.port';

export const chainAuditResult = (overrides: Partial<ChainAuditResult> = {}): ChainAuditResult => ({
  runId: 'run-1',
  startedAt: '2026-11-23T02:00:00.000Z',
  finishedAt: '2026-11-23T02:00:09.500Z',
  durationMs: 9_500,
  casesChecked: 3,
  eventsChecked: 12,
  broken: [{ stream: 'clfcase-1', reference: 'DMM-2026-00001', brokenAtRevision: 2 }],
  stoppedEarly: null,
  ...overrides,
});

/** What every store of the audit's results must do. */
export function chainAuditResultsContract(open: () => Promise<ChainAuditResults>): void {
  let results: ChainAuditResults;
  beforeEach(async () => (results = await open()));
  afterEach(() => results.close());

  it('has no result before the first run', async () => {
    expect(await results.latest()).toBeNull();
  });

  it('gives back the result of the run that finished last, as it was recorded', async () => {
    const later = chainAuditResult({
      runId: 'run-2',
      finishedAt: '2026-11-24T02:00:01.000Z',
      broken: [],
    });
    await results.record(later);
    await results.record(chainAuditResult());
    expect(await results.latest()).toEqual(later);
  });

  it('keeps one result per run, however often it is recorded', async () => {
    await results.record(chainAuditResult());
    const amended = chainAuditResult({ eventsChecked: 13 });
    await results.record(amended);
    expect(await results.latest()).toEqual(amended);
  });
}
