import type { Type } from '@nestjs/common';
import { AdminHubController } from './admin-hub.controller';
import { JobsPageController } from './jobs-page.controller';
import { OutboxPageController } from './outbox-page.controller';
import { PersonTokensController } from './person-tokens.controller';
import { ReadModelsPageController } from './read-models-page.controller';
import { SystemPageController } from './system-page.controller';

/** The administration's pages (`/admin/…`, and a person's API tokens under `/people`). */
export const ADMIN_PAGE_CONTROLLERS: Type[] = [
  AdminHubController,
  ReadModelsPageController,
  JobsPageController,
  OutboxPageController,
  SystemPageController,
  PersonTokensController,
];
