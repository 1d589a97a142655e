import {
  Global,
  Inject,
  Module,
  type DynamicModule,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { Clock } from '#event-store';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { CLOCK, openStorage, STORAGE, type Storage } from './storage';

@Global()
@Module({})
export class StorageModule implements OnApplicationShutdown {
  constructor(@Inject(STORAGE) private readonly storage: Storage) {}

  static forRoot(clock: Clock): DynamicModule {
    return {
      module: StorageModule,
      providers: [
        { provide: CLOCK, useValue: clock },
        {
          provide: STORAGE,
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => openStorage(config, clock),
        },
      ],
      exports: [CLOCK, STORAGE],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.storage.close();
  }
}
