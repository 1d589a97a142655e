import { systemClock } from '#event-store';
import { createCaseDecider } from '#domain';
import { CaseProjections } from '#read-models';
import { loadConfig } from '../config/app-config';
import { ConfigError } from '../config/config.error';
import { openStorage } from '../storage/storage';
import { progressBar } from './progress-bar';
import { generationsFor } from './projections.module';
import { keepNewFilesPrivate } from '../file-permissions/private-files';

/**
 * `npm run projections:rebuild`: replays every event into a fresh generation of the read
 * models and makes it the one queries use. Run it with the server stopped; on a running
 * server use `POST /api/v1/admin/projections/rebuild`, which swaps without a pause.
 */
async function main(): Promise<void> {
  keepNewFilesPrivate();
  const config = loadConfig(process.env);
  const storage = await openStorage(config, systemClock);
  const projections = new CaseProjections(
    storage.events,
    await generationsFor(config),
    createCaseDecider(config.policy),
    systemClock,
  );
  try {
    const bar = progressBar('Rebuilding read models');
    const started = performance.now();
    const rebuild = await projections.startRebuild((done, of) => bar.update(done, of));
    bar.update(0, rebuild.of);
    await rebuild.done;
    const seconds = (performance.now() - started) / 1000;
    bar.finish(
      `Rebuilt generation ${rebuild.generation} from ${rebuild.of.toLocaleString('en-GB')} events in ${seconds.toFixed(1)} s; queries now read it.`,
    );
  } finally {
    await projections.stop();
    await storage.close();
  }
}

main().catch((error: unknown) => {
  console.error(
    error instanceof ConfigError ? `Configuration error — ${error.message}` : String(error),
  );
  process.exit(1);
});
