import { CaseProjections, thisProcess, WriterLease } from '#read-models';
import { createCaseDecider } from '#domain';
import { systemClock } from '#event-store';
import { generationsFor, loadConfig, openStorage } from '#api';
import { parseOptions, runCommand, type CommandOutput } from '../command-line';
import { progressBar } from '../progress-bar';

export const REBUILD_USAGE = `Usage: npm run projections:rebuild   (the configured store: CLF_PROFILE, CLF_DATA_DIR…)
Replays every event into a new generation of the read models and makes it the one queries read.
Run it with the server stopped; on a running server use POST /api/v1/admin/projections/rebuild.`;

/**
 * `npm run projections:rebuild`: replays every event into a fresh generation of the read
 * models and makes it the one queries use. Run it with the server stopped; on a running
 * server use `POST /api/v1/admin/projections/rebuild`, which swaps without a pause.
 */
export function rebuildCommand(
  argv: string[],
  env: NodeJS.ProcessEnv,
  output: CommandOutput,
): Promise<number> {
  return runCommand(output, REBUILD_USAGE, 'The rebuild failed', async () => {
    parseOptions(argv, {});
    const config = loadConfig(env);
    const storage = await openStorage(config, systemClock);
    // A worker running meanwhile would write the same generations: only the lease holder writes.
    const writerLease = new WriterLease(storage.leases, thisProcess());
    if (!(await writerLease.take())) {
      await storage.close();
      throw new Error(
        'A running worker writes the read models: stop it first, or ask it with POST /api/v1/admin/projections/rebuild.',
      );
    }
    const projections = new CaseProjections(
      storage.events,
      await generationsFor(config),
      createCaseDecider(config.policy),
      systemClock,
      () => {},
      { writerLease },
    );
    try {
      const bar = progressBar('Rebuilding read models', output.progress);
      const started = performance.now();
      const rebuild = await projections.startRebuild((done, of) => bar.update(done, of));
      bar.update(0, rebuild.of);
      await rebuild.done;
      const seconds = (performance.now() - started) / 1000;
      bar.finish(
        `Rebuilt generation ${rebuild.generation} from ${rebuild.of.toLocaleString('en-GB')} events in ${seconds.toFixed(1)} s; queries now read it.`,
      );
      return 0;
    } finally {
      await projections.stop();
      await storage.close();
    }
  });
}
