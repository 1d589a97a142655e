import { Global, Module, type DynamicModule } from '@nestjs/common';
import { CASE_DECIDER, caseDeciderProvider } from '../cases/case-decider.provider';
import { APP_CONFIG, type AppConfig } from './app-config';

@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ConfigModule,
      // The configured policy, and the one decider made from it.
      providers: [{ provide: APP_CONFIG, useValue: config }, caseDeciderProvider],
      exports: [APP_CONFIG, CASE_DECIDER],
    };
  }
}
