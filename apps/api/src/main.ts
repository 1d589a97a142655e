import 'reflect-metadata';
import { createApp } from './create-app';
import { loadConfig } from './config/app-config';
import { ConfigError } from './config/config.error';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const app = await createApp(config);
  await app.listen(config.port);
  console.log(
    JSON.stringify({
      level: 'info',
      msg: 'CLF listening',
      url: `http://localhost:${config.port}`,
      policy: `${config.policy.id}@${config.policy.version}`,
      dataDir: config.dataDir,
    }),
  );
}

main().catch((error: unknown) => {
  const message =
    error instanceof ConfigError ? `Configuration error — ${error.message}` : String(error);
  console.error(message);
  process.exit(1);
});
