import { createHash } from 'node:crypto';
import { cp, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';
import { compile, Logger } from 'sass';
import { CONSOLE_FILES } from '../console-files';

/** What the pages link to: file names carry their content's hash, so they can be cached for good. */
export interface AssetManifest {
  stylesheet: string;
  script: string;
}

export const ASSET_MANIFEST = 'manifest.json';

const hashed = (name: string, extension: string, content: string | Uint8Array) =>
  `${name}-${createHash('sha256').update(content).digest('hex').slice(0, 12)}.${extension}`;

async function stylesheet(): Promise<string> {
  const { css } = compile(join(CONSOLE_FILES.assetSources, 'console.scss'), {
    loadPaths: [join(CONSOLE_FILES.nodeModules, '..')],
    style: 'compressed',
    quietDeps: true,
    logger: Logger.silent,
  });
  return css;
}

async function script(): Promise<Uint8Array> {
  const { outputFiles } = await build({
    entryPoints: [join(CONSOLE_FILES.assetSources, 'console.mjs')],
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2020',
    write: false,
    logLevel: 'silent',
  });
  return outputFiles[0].contents;
}

/** The components' icons, from both libraries, where the stylesheet expects them. */
async function images(outputDir: string): Promise<void> {
  for (const source of [
    join(CONSOLE_FILES.nodeModules, 'govuk-frontend/dist/govuk/assets/images'),
    join(CONSOLE_FILES.nodeModules, '@ministryofjustice/frontend/moj/assets/images'),
  ])
    await cp(source, join(outputDir, 'images'), { recursive: true });
}

/** Compiles the console's stylesheet and script and copies the icons: `npm run build` runs it. */
export async function buildConsoleAssets(
  outputDir: string = CONSOLE_FILES.builtAssets,
): Promise<AssetManifest> {
  const [css, js] = await Promise.all([stylesheet(), script()]);
  await mkdir(outputDir, { recursive: true });
  for (const old of await readdir(outputDir))
    if (/^console-[0-9a-f]{12}\.(css|js)$/.test(old)) await rm(join(outputDir, old));
  const manifest = {
    stylesheet: hashed('console', 'css', css),
    script: hashed('console', 'js', js),
  };
  await writeFile(join(outputDir, manifest.stylesheet), css);
  await writeFile(join(outputDir, manifest.script), js);
  await images(outputDir);
  await writeFile(join(outputDir, ASSET_MANIFEST), JSON.stringify(manifest));
  return manifest;
}

if (require.main === module)
  buildConsoleAssets().then(
    (manifest) => console.log(`Console assets built: ${manifest.stylesheet}, ${manifest.script}`),
    (error: unknown) => {
      console.error('Console assets could not be built:', error);
      process.exitCode = 1;
    },
  );
