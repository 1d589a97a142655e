import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import nunjucks from 'nunjucks';
import type { Policy } from '#domain';
import { ASSET_MANIFEST, type AssetManifest } from '../assets/build-console-assets';
import { CONSOLE_FILES } from '../console-files';
import { dateInWords, instantInWords } from './people-time';

/** Where the built stylesheet and script are served from. */
export const ASSETS_PATH = '/assets';

function readManifest(): AssetManifest {
  try {
    return JSON.parse(readFileSync(join(CONSOLE_FILES.builtAssets, ASSET_MANIFEST), 'utf8'));
  } catch {
    throw new Error(
      `The console's stylesheet and script are not built (${CONSOLE_FILES.builtAssets}): run npm run build`,
    );
  }
}

/**
 * The console's Nunjucks: its own templates first, then GOV.UK Frontend's and MoJ
 * Frontend's components (`govuk/components/…`, `moj/components/…`). Everything is escaped
 * unless a template says otherwise, so what people typed is always shown as text.
 */
export function createViewEnvironment(policy: Policy): nunjucks.Environment {
  const manifest = readManifest();
  const environment = new nunjucks.Environment(
    new nunjucks.FileSystemLoader(
      [
        CONSOLE_FILES.views,
        join(CONSOLE_FILES.nodeModules, 'govuk-frontend/dist'),
        join(CONSOLE_FILES.nodeModules, '@ministryofjustice/frontend'),
      ],
      { noCache: false },
    ),
    { autoescape: true, throwOnUndefined: false, trimBlocks: true, lstripBlocks: true },
  );
  environment.addGlobal('organisation', policy.organisation);
  environment.addGlobal('policyName', policy.name);
  environment.addGlobal('timeZone', policy.timeZone);
  environment.addGlobal('assets', {
    stylesheet: `${ASSETS_PATH}/${manifest.stylesheet}`,
    script: `${ASSETS_PATH}/${manifest.script}`,
  });
  environment.addFilter('inWords', (instant: Date | string | null | undefined) =>
    instant ? instantInWords(instant, policy.timeZone) : '',
  );
  environment.addFilter('dateInWords', (date: string | null | undefined) =>
    date ? dateInWords(date) : '',
  );
  return environment;
}
