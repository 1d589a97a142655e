import type { NestExpressApplication } from '@nestjs/platform-express';
import cookieParser from 'cookie-parser';
import type { Application, NextFunction, Request, Response } from 'express';
import { urlencoded } from 'express';
import type { AppConfig } from '../config/app-config';
import { CONSOLE_FILES } from './console-files';
import { isConsoleRequest } from './pages/error-page';
import { ASSETS_PATH, createViewEnvironment } from './rendering/view-environment';

/** A form is a few kilobytes; the longest (a new case with its details) stays well under this. */
export const MAX_FORM_BODY = '100kb';

/** A file name with a content hash never changes: cache it for a year. Icons for a day. */
const HASHED_ASSET = /-[0-9a-f]{12}\.(css|js)$/;

/**
 * The Content-Security-Policy of every console page: scripts and styles from this server
 * only, no inline script, no framing, forms posting only here.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

function pageHeaders(request: Request, response: Response, next: NextFunction) {
  if (isConsoleRequest(request)) {
    response.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    response.setHeader('X-Frame-Options', 'DENY');
    response.setHeader('Referrer-Policy', 'same-origin');
  }
  next();
}

/** Whether this server answers for the console (a worker process serves only health). */
export const servesConsole = (app: Application) => app.get('view engine') === 'njk';

/** Serves the staff console from the same server as the API: templates, assets, forms, cookies. */
export function configureConsole(app: NestExpressApplication, config: AppConfig): void {
  const environment = createViewEnvironment(config.policy);
  environment.addGlobal('oidcProvider', config.console.oidc?.name);
  environment.express(app.getHttpAdapter().getInstance());
  app.setViewEngine('njk');
  app.useStaticAssets(CONSOLE_FILES.builtAssets, {
    prefix: `${ASSETS_PATH}/`,
    index: false,
    setHeaders: (response, path) =>
      response.setHeader(
        'Cache-Control',
        HASHED_ASSET.test(path) ? 'public, max-age=31536000, immutable' : 'public, max-age=86400',
      ),
  });
  app.use(pageHeaders, cookieParser());
  app.use(urlencoded({ extended: true, limit: MAX_FORM_BODY, parameterLimit: 300 }));
}
