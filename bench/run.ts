import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { buildConsoleAssets } from '../apps/api/src/console/assets/build-console-assets';
import { benchEventStore, type Measurement } from './event-store.bench';
import { benchJobs, benchRetention } from './jobs.bench';
import { benchLargeStore } from './large-store.bench';
import { benchMailDispatcher } from './mail-dispatcher.bench';
import { benchPersonalData } from './personal-data.bench';
import { benchPostCases } from './post-cases.bench';
import { benchReadSide } from './read-side.bench';

/** `npm run bench [-- --quick] [--only <part of a name>]`: measures the performance targets (README, "Performance") on the embedded profile. */
async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const only = process.argv[process.argv.indexOf('--only') + 1];
  const chosen = process.argv.includes('--only') ? only : undefined;
  const machine = {
    cores: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
  };
  console.log(
    `CLF bench${quick ? ' (quick)' : ''} — ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.cpu}, Node ${machine.node}`,
  );

  // The server's console pages link to the built stylesheet and script, as after npm run build.
  await buildConsoleAssets();
  const results: Measurement[] = [];
  for (const [name, run] of [
    ['event store', benchEventStore],
    ['POST /cases over HTTP', benchPostCases],
    ['read side', benchReadSide],
    ['scheduled jobs', benchJobs],
    ['retention', benchRetention],
    ['mail dispatcher', benchMailDispatcher],
    ['personal data', benchPersonalData],
    ['a store of a million events', benchLargeStore],
  ] as const) {
    if (chosen !== undefined && !name.includes(chosen)) continue;
    process.stdout.write(`… ${name}\n`);
    results.push(...(await run(quick)));
  }

  const rows = results.map((r) => [
    r.what,
    r.target,
    r.measured,
    r.pass === null ? '—' : r.pass ? 'pass' : 'MISS',
  ]);
  const widths = [0, 1, 2, 3].map((i) =>
    Math.max(...[['what', 'target', 'measured', ''], ...rows].map((row) => row[i].length)),
  );
  const line = (row: string[]) => row.map((cell, i) => cell.padEnd(widths[i])).join(' | ');
  console.log(
    `\n${line(['what', 'target', 'measured', ''])}\n${widths.map((w) => '-'.repeat(w)).join('-|-')}`,
  );
  for (const row of rows) console.log(line(row));

  const dir = join(process.cwd(), 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(
    dir,
    `${new Date().toISOString().replace(/[:.]/g, '-')}${quick ? '-quick' : ''}.json`,
  );
  writeFileSync(file, JSON.stringify({ machine, quick, results }, null, 2));
  console.log(`\nwritten ${file}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
