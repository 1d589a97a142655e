import 'reflect-metadata';
import { createApp } from './create-app';
import { loadConfig } from './config/app-config';
import { ConfigError } from './config/config.error';
import { gracefulShutdown } from './lifecycle/graceful-shutdown';
import { keepNewFilesPrivate } from './file-permissions/private-files';
import { jsonLogger } from './logging/json-logger';

async function main(): Promise<void> {
  keepNewFilesPrivate();
  const config = loadConfig(process.env);
  const logger = jsonLogger(config.logLevel);
  const app = await createApp(config, { logger });
  await app.listen(config.port);
  logger.info(
    {
      url: `http://localhost:${config.port}`,
      role: config.role,
      profile: config.profile,
      policy: `${config.policy.id}@${config.policy.version}`,
      dataDir: config.profile === 'embedded' ? config.dataDir : undefined,
      scheduler: config.scheduler ? 'on' : 'off',
    },
    'CLF listening',
  );
  for (const signal of ['SIGTERM', 'SIGINT'] as const)
    process.once(signal, () => {
      logger.info({ signal }, 'CLF stopping: finishing the requests in flight');
      gracefulShutdown(app, logger).then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: error }, 'CLF did not stop cleanly');
          process.exit(1);
        },
      );
    });
}

main().catch((error: unknown) => {
  // Configuration errors are the operator's to fix: one plain sentence, no stack trace.
  const message =
    error instanceof ConfigError ? `Configuration error — ${error.message}` : String(error);
  console.error(message);
  process.exit(1);
});
