import type { Server } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import type { Logger } from 'pino';
import { JobRunner } from '../jobs/job-runner.service';

/** Requests still running after this long are cut off, so a stuck client cannot hold up a deploy. */
const DRAIN_MS = 10_000;

/** Stops taking connections and resolves once every request in flight has been answered. */
function drain(server: Server, graceMs: number): Promise<void> {
  return new Promise((resolve) => {
    const cutOff = setTimeout(() => server.closeAllConnections(), graceMs);
    // A keep-alive connection whose request has just been answered is idle: close it now
    // rather than after the keep-alive timeout.
    const idle = setInterval(() => server.closeIdleConnections(), 50);
    server.close(() => {
      clearTimeout(cutOff);
      clearInterval(idle);
      resolve();
    });
    server.closeIdleConnections();
  });
}

/**
 * SIGTERM: stop accepting requests, let the commands in flight finish (their events are
 * stored before they are answered), let job runs finish the case in hand, then stop the
 * projections at a checkpoint and close the stores. Nest's own shutdown would close the
 * stores before the HTTP server, under the requests still running.
 */
export async function gracefulShutdown(
  app: INestApplication,
  logger: Logger,
  graceMs = DRAIN_MS,
): Promise<void> {
  const started = performance.now();
  // Job runs stop after the case in hand, so a run asked for over HTTP answers within the drain.
  const jobsStopped = app.get(JobRunner).stop();
  await drain(app.getHttpServer() as Server, graceMs);
  await jobsStopped;
  await app.close();
  logger.info({ ms: Math.round(performance.now() - started) }, 'CLF stopped');
}
