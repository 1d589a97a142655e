// Enhancements only: every page works without this script.
import { initAll as initGovukFrontend } from 'govuk-frontend';
import { initAll as initMojFrontend } from '@ministryofjustice/frontend';
import { refreshStatusRegions } from './status-refresh.mjs';

document.body.classList.add('js-enabled', 'govuk-frontend-supported');
initGovukFrontend();
initMojFrontend();
refreshStatusRegions();
