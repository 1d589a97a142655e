import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The folder CLF is installed in: the nearest above this file whose package.json is CLF's. */
function applicationRoot(from: string): string {
  for (let folder = from; ; folder = dirname(folder)) {
    const manifest = join(folder, 'package.json');
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === 'clf')
      return folder;
    if (dirname(folder) === folder)
      throw new Error(`CLF's package.json is not above ${from}: the installation is incomplete`);
  }
}

const root = applicationRoot(__dirname);

/** Where the console's templates, style and script sources and built assets live. */
export const CONSOLE_FILES = {
  views: join(root, 'apps/api/views'),
  assetSources: join(root, 'apps/api/assets'),
  /** What `npm run build` makes from the sources; served at `/assets`. */
  builtAssets: join(root, 'dist/console-assets'),
  nodeModules: join(root, 'node_modules'),
  /** The letters to complainants each bundled policy comes with (read at run time, like views). */
  letterTemplates: join(root, 'apps/api/src/correspondence/templates'),
  /** CLF's package.json: its version, for the administration's system page. */
  manifest: join(root, 'package.json'),
} as const;
