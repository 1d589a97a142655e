import { createHash } from 'node:crypto';
import { join } from 'node:path';
import {
  Global,
  Inject,
  Logger,
  Module,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import type { CaseDecider } from '#domain';
import type { Clock } from '#event-store';
import {
  CaseProjections,
  FollowingProjections,
  SqliteReadModelGenerations,
  thisProcess,
  WriterLease,
  type ReadModelGenerations,
  type ReadSide,
} from '#read-models';
import { CASE_DECIDER } from '../cases/case-decider.provider';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { CLOCK, STORAGE, type Storage } from '../storage/storage';
import { DATA_DIR_ENTRIES } from '../storage/data-dir-entries';

export const PROJECTIONS = Symbol('ReadSide');

/** The policy the read models are made under: its deadline index depends on every rule. */
export const policyKey = (config: AppConfig) =>
  createHash('sha256').update(JSON.stringify(config.policy)).digest('hex').slice(0, 16);

export async function generationsFor(config: AppConfig): Promise<ReadModelGenerations> {
  const options = { follower: config.role === 'api', policyKey: policyKey(config) };
  if (config.profile === 'embedded')
    return new SqliteReadModelGenerations(
      join(config.dataDir, DATA_DIR_ENTRIES.readModels),
      options,
    );
  const { MongoReadModelGenerations } = await import('#read-models/mongo'); // see openStorage
  return MongoReadModelGenerations.connect(config.mongodbUri!, options);
}

/**
 * The read side, fed from the event store by the projection runner (not the in-process
 * EventBus, which neither orders nor awaits its handlers) — in this process, or, for an
 * `api` replica, in the worker it follows.
 */
@Global()
@Module({
  providers: [
    {
      provide: PROJECTIONS,
      inject: [APP_CONFIG, STORAGE, CASE_DECIDER, CLOCK],
      useFactory: async (
        config: AppConfig,
        storage: Storage,
        decider: CaseDecider,
        clock: Clock,
      ): Promise<ReadSide> => {
        const generations = await generationsFor(config);
        if (config.role === 'api')
          return new FollowingProjections(storage.events, generations, clock);
        const logger = new Logger('Projections');
        return new CaseProjections(
          storage.events,
          generations,
          decider,
          clock,
          (error) => logger.error(`The projection stopped: ${String(error)}`),
          {
            restart: {
              onRestart: (error, attempt, delayMs) =>
                logger.warn(
                  `The projection failed (${attempt} in a row): ${String(error)}; starting again from its checkpoint in ${delayMs} ms`,
                ),
            },
            // Workers scaled out or overlapping in a deploy: one writes, the others stand by.
            writerLease: new WriterLease(storage.leases, thisProcess()),
          },
        );
      },
    },
  ],
  exports: [PROJECTIONS],
})
export class ProjectionsModule implements OnApplicationBootstrap, OnModuleDestroy {
  constructor(@Inject(PROJECTIONS) private readonly projections: ReadSide) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.projections.start();
    if (!(this.projections instanceof CaseProjections)) return;
    // Where the projections pick up after a restart (or a crash): operators and the crash test read it.
    const from = this.projections.runner().startedFrom;
    new Logger('Projections').log({
      msg: from
        ? 'Read models resume from their checkpoint'
        : this.projections.isBuilding
          ? 'Read models are being built from the events already stored'
          : 'Read models start from the first event',
      generation: this.projections.store().generation,
      checkpoint: from ? Number(from.position.commit) : null,
      eventsHandled: from?.events ?? 0,
    });
  }

  /** Before the storage closes: stop at a checkpoint. */
  async onModuleDestroy(): Promise<void> {
    await this.projections.stop();
  }
}
