import { buildConsoleAssets } from '../../apps/api/src/console/assets/build-console-assets';

/** The console's pages link to its built stylesheet and script: build them once per test run, as `npm run build` does. */
export default async function buildAssetsOnce(): Promise<void> {
  await buildConsoleAssets();
}
