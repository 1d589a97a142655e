import type { ServerProcess } from '../test/support/server-process';
import { signIn, timePages } from './console-pages.bench';
import type { Measurement } from './event-store.bench';

/**
 * The console's report pages on the generated year (December 2025 to November 2026), as a
 * manager reads them: the monthly report of a month, and the Board's annual report of 2026.
 */
export async function benchReportPages(
  server: ServerProcess,
  { quick, label }: { quick: boolean; label: string },
): Promise<Measurement[]> {
  const cookie = await signIn(server);
  const monthly = await timePages(
    ['2026-03', '2026-06', '2026-09'].map(
      (month) => `${server.url}/reports/monthly?month=${month}`,
    ),
    quick ? 200 : 1_000,
    cookie,
  );
  const annual = await timePages(
    [`${server.url}/reports/annual?year=2026`],
    quick ? 50 : 200,
    cookie,
  );
  const fmt = (p: { p50: number; p95: number }) =>
    `p95 ${p.p95.toFixed(2)} ms (p50 ${p.p50.toFixed(2)} ms)`;
  return [
    {
      what: `console monthly report page (one month; ${label}), at a client`,
      target: 'p95 ≤ 50 ms',
      measured: fmt(monthly),
      pass: monthly.p95 <= 50,
      detail: monthly,
    },
    {
      what: `console annual report page (formal complaints of 2026; ${label}), at a client`,
      target: 'p95 ≤ 500 ms',
      measured: fmt(annual),
      pass: annual.p95 <= 500,
      detail: annual,
    },
  ];
}
