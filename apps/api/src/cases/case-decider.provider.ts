import type { Provider } from '@nestjs/common';
import { createCaseDecider } from '#domain';
import { APP_CONFIG, type AppConfig } from '../config/app-config';

export const CASE_DECIDER = Symbol('CaseDecider');

/** The decider for the configured policy: made once, pure, shared. */
export const caseDeciderProvider: Provider = {
  provide: CASE_DECIDER,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig) => createCaseDecider(config.policy),
};
