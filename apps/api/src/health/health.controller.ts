import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { ReadSide } from '#read-models';
import { Public } from '../auth/public.decorator';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { PROJECTIONS } from '../projections/projections.module';
import { STORAGE, type Storage } from '../storage/storage';

/** Read models further behind than this make the process not ready: its queues would mislead. */
export const READY_MAX_LAG_SECONDS = 30;
/** A store that has not answered in this time counts as unreachable. */
const CHECK_TIMEOUT_MS = 2_000;

type Check = 'ok' | 'unavailable';

/** Whether `work` settles well within the time a load balancer waits. */
async function reachable(work: () => Promise<unknown>): Promise<Check> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Check>((resolve) => {
    timer = setTimeout(() => resolve('unavailable'), CHECK_TIMEOUT_MS);
  });
  const answer = work().then(
    () => 'ok' as const,
    () => 'unavailable' as const,
  );
  try {
    return await Promise.race([answer, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

@Public()
@Controller('health')
export class HealthController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(STORAGE) private readonly storage: Storage,
    @Inject(PROJECTIONS) private readonly projections: ReadSide,
  ) {}

  /** The process is up and serving. */
  @Get('live')
  live() {
    return { status: 'ok' };
  }

  /**
   * Ready to take work: the event store, the document store and the read models answer,
   * and the read models are within `READY_MAX_LAG_SECONDS` of the event store.
   */
  @Get('ready')
  async ready(@Res({ passthrough: true }) response: Response) {
    const [eventStore, documents, readModels] = await Promise.all([
      reachable(() => this.storage.events.headPosition()),
      reachable(() => this.storage.documents.ping()),
      this.readModels(),
    ]);
    const checks = {
      eventStore,
      documents,
      readModels,
      policy: `${this.config.policy.id}@${this.config.policy.version}`,
    };
    const ready = eventStore === 'ok' && documents === 'ok' && readModels.status === 'ok';
    if (!ready) response.status(HttpStatus.SERVICE_UNAVAILABLE);
    return { status: ready ? 'ready' : 'not-ready', role: this.config.role, checks };
  }

  private async readModels() {
    try {
      const [status] = await this.projections.status();
      const { lagEvents, lagSeconds, failed } = status;
      const behind = failed !== null || lagSeconds > READY_MAX_LAG_SECONDS;
      return {
        status: behind ? ('behind' as const) : ('ok' as const),
        lagEvents,
        lagSeconds,
        ...(failed ? { failed } : {}),
      };
    } catch {
      return { status: 'unavailable' as const };
    }
  }
}
