import { mkdirSync } from 'node:fs';
import { Logger, type INestApplication, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import type { Logger as JsonLogger } from 'pino';
import { systemClock, type Clock } from '#event-store';
import { API_PREFIX } from './api-prefix';
import { AppModule } from './app.module';
import { configureConsole } from './console/console-app';
import type { AppConfig } from './config/app-config';
import { makePrivate } from './file-permissions/private-files';
import { ProblemResponse } from './http/api-problems.decorator';
import { problem, PROBLEM_MEDIA_TYPE } from './http/problem';
import { toProblem } from './http/problem-details.filter';
import { answerClientErrorsWithProblems } from './http/client-error';
import { guardJsonBody } from './http/json-body.guard';
import { refuseControlCharacters } from './http/query-string.guard';
import { assignRequestId } from './http/request-context';
import { validationPipe } from './http/validation.pipe';
import { jsonLogger, NestJsonLogger } from './logging/json-logger';
import { requestLog } from './logging/request-log';

export { API_PREFIX };

/** JSON bodies larger than this are refused with 413. */
const MAX_JSON_BODY = '1mb';

const logger = new Logger('HTTP');

/** The body parser's and the body guard's refusals come before any route, so Nest's filters never see them. */
function bodyParserErrors(error: unknown, _: Request, response: Response, next: NextFunction) {
  if (response.headersSent) return next(error);
  const body = toProblem(error);
  if (body.status >= 500) logger.error(error instanceof Error ? error.stack : String(error));
  response.status(body.status).type(PROBLEM_MEDIA_TYPE).send(JSON.stringify(body));
}

/** A command body in anything but JSON would reach validation as nothing at all: say why instead. */
function requireJsonBody(request: Request, response: Response, next: NextFunction) {
  const hasBody =
    request.headers['transfer-encoding'] !== undefined ||
    Number(request.headers['content-length'] ?? 0) > 0;
  if (
    request.method !== 'POST' ||
    !hasBody ||
    request.path.endsWith('/documents') ||
    request.is(['application/json', 'application/*+json'])
  )
    return next();
  const body = problem(
    415,
    'unsupported-media-type',
    'Send the body as JSON (Content-Type: application/json).',
  );
  response.status(415).type(PROBLEM_MEDIA_TYPE).send(JSON.stringify(body));
}

function securityHeaders(_: Request, response: Response, next: NextFunction) {
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('Cache-Control', 'no-store');
  next();
}

function describeApi(app: INestApplication): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('CLF — complaints, compliments and suggestions')
      .setDescription(
        'Every command and query of the CLF case system. Errors are RFC 9457 problem+json. Authenticate with a bearer JWT (`npm run -s token -- --sub u1 --name "Ann Lee" --roles staff`).',
      )
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
      .build(),
    { extraModels: [ProblemResponse] },
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
}

/** How many of the changed paths the start-up log line names; the count says the rest. */
const CHANGES_LOGGED = 20;

/** A data directory an earlier version left readable to others is made private, once, and the log says what changed. */
async function makeDataDirPrivate(dataDir: string, logger: JsonLogger): Promise<void> {
  const changed = await makePrivate(dataDir, {
    onRefused: (path, error) =>
      logger.warn(
        { dataDir, path, code: error.code },
        'Data directory: this entry belongs to another account; left as it is',
      ),
  });
  if (changed.length > 0)
    logger.warn(
      { dataDir, count: changed.length, changed: changed.slice(0, CHANGES_LOGGED) },
      'Data directory: other accounts could read these files and folders; made them private to the server’s account (0700 folders, 0600 files)',
    );
}

/** The HTTP application for a checked configuration; `main` and the e2e tests both use it. */
export async function createApp(
  config: AppConfig,
  {
    clock = systemClock,
    logger = jsonLogger(config.logLevel),
  }: {
    clock?: Clock;
    /** Where the JSON log lines go (stdout unless a test wants to read them). */
    logger?: JsonLogger;
  } = {},
): Promise<INestApplication> {
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  if (config.profile === 'embedded') await makeDataDirPrivate(config.dataDir, logger);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forConfig(config, clock), {
    logger: new NestJsonLogger(logger),
    bodyParser: false,
    // A start that fails (a wrong master key) is said by whoever started it, in one sentence.
    abortOnError: false,
  });
  app.disable('x-powered-by');
  answerClientErrorsWithProblems(app.getHttpServer());
  app.set('etag', false); // ETags are case revisions, set where they mean something
  app.use(assignRequestId, requestLog(logger), securityHeaders, refuseControlCharacters);
  app.use(`/${API_PREFIX}`, requireJsonBody);
  app.useBodyParser('json', {
    limit: MAX_JSON_BODY,
    type: ['application/json', 'application/*+json'],
  });
  if (config.role !== 'worker') configureConsole(app, config);
  app.use(guardJsonBody, bodyParserErrors);
  app.useGlobalPipes(validationPipe);
  describeApi(app);
  return app;
}

/**
 * The application without its HTTP server, for a command line that sends commands and
 * runs jobs in-process (the demo loader): the same modules, on the clock it is given.
 */
export function createAppContext(
  config: AppConfig,
  clock: Clock,
): Promise<INestApplicationContext> {
  return NestFactory.createApplicationContext(AppModule.forConfig(config, clock), {
    logger: ['error', 'warn'],
    abortOnError: false,
  });
}
