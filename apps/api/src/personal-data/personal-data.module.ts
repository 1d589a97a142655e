import {
  Inject,
  Injectable,
  Logger,
  Module,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { STORAGE, type Storage } from '../storage/storage';
import { ErasureFollower } from './erasure-follower';
import { PersonalDataShredder } from './personal-data-shredder';

/** Does again every erasure the events record, where the scheduled work runs (not on `api` replicas). */
@Injectable()
export class ErasureFollowing implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly follower: ErasureFollower | null;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(STORAGE) storage: Storage,
    shredder: PersonalDataShredder,
  ) {
    const logger = new Logger('PersonalData');
    this.follower =
      config.role === 'api'
        ? null
        : new ErasureFollower(storage, shredder, (message) => logger.warn(message));
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.follower?.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.follower?.stop();
  }
}

/** Each case's personal data: shredding it (keys and documents), and following erasures. */
@Module({
  providers: [
    {
      provide: PersonalDataShredder,
      inject: [STORAGE],
      useFactory: (storage: Storage) => new PersonalDataShredder(storage),
    },
    ErasureFollowing,
  ],
  exports: [PersonalDataShredder],
})
export class PersonalDataModule {}
