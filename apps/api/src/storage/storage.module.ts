import {
  Global,
  Inject,
  Module,
  type DynamicModule,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { Clock } from '#event-store';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { CHAIN_AUDIT_RESULTS, CLOCK, openStorage, STORAGE, type Storage } from './storage';

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
        {
          provide: CHAIN_AUDIT_RESULTS,
          inject: [STORAGE],
          useFactory: (storage: Storage) => storage.chainAudits,
        },
      ],
      exports: [CLOCK, STORAGE, CHAIN_AUDIT_RESULTS],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.storage.close();
  }
}
