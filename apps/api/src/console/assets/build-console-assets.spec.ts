import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ASSET_MANIFEST, buildConsoleAssets } from './build-console-assets';

describe('building the console’s assets', () => {
  it('writes a stylesheet and a script named by their content, the icons, and a manifest naming them', async () => {
    const output = await mkdtemp(join(tmpdir(), 'clf-assets-'));
    const manifest = await buildConsoleAssets(output);
    expect(manifest.stylesheet).toMatch(/^console-[0-9a-f]{12}\.css$/);
    expect(JSON.parse(await readFile(join(output, ASSET_MANIFEST), 'utf8'))).toEqual(manifest);
    const css = await readFile(join(output, manifest.stylesheet), 'utf8');
    expect(css).toContain('.govuk-button');
    expect(css).toContain('.moj-filter');
    expect(css).not.toContain('GDS Transport');
    expect(css).not.toContain('@font-face');
    const js = await readFile(join(output, manifest.script), 'utf8');
    expect(js).toContain('js-enabled');
    expect(await readdir(join(output, 'images'))).toContain('icon-close-cross-black.svg');
  }, 60_000);

  it('leaves one stylesheet and one script behind when built again', async () => {
    const output = await mkdtemp(join(tmpdir(), 'clf-assets-'));
    await buildConsoleAssets(output);
    await buildConsoleAssets(output);
    const built = (await readdir(output)).filter((name) => /\.(css|js)$/.test(name));
    expect(built).toHaveLength(2);
  }, 60_000);
});
