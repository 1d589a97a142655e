// Enhancements only: every page works without this script.
import { initAll as initGovukFrontend } from 'govuk-frontend';
import { initAll as initMojFrontend } from '@ministryofjustice/frontend';
import { refreshStatusRegions } from './status-refresh.mjs';

document.body.classList.add('js-enabled', 'govuk-frontend-supported');
initGovukFrontend();
initMojFrontend();
refreshStatusRegions();

// A report's "Print or save as PDF" button, hidden until this script can make it work.
for (const button of document.querySelectorAll('[data-clf-print]')) {
  button.hidden = false;
  button.addEventListener('click', () => globalThis.print());
}
