import type { Measurement } from './event-store.bench';

/**
 * Runs one bench on its own, as `node dist/bench/<name>.bench.js [--quick]` (after
 * `npm run bench` or `tsc -p tsconfig.bench.json` has compiled it), printing what it measured.
 */
export function runAlone(bench: (quick: boolean) => Promise<Measurement[]>): void {
  bench(process.argv.includes('--quick'))
    .then((results) => {
      for (const r of results)
        console.log(`${r.what}\n  ${r.measured} (target ${r.target})`, r.detail ?? '');
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
