import type { Provider, Type } from '@nestjs/common';
import { CaseActionsController } from './actions/case-actions.controller';
import { CasePageController } from './case-page.controller';
import { CasesInView } from './case-in-view';
import { ConsoleCanAttachGuard, ConsoleUploadInterceptor } from './document-upload';

/**
 * The case page's controllers, in the order their routes must be tried: the page's own
 * `/cases/:reference/documents` before the actions' `/cases/:reference/:action`.
 */
export const CASE_PAGE_CONTROLLERS: Type[] = [CasePageController, CaseActionsController];

export const CASE_PAGE_PROVIDERS: Provider[] = [
  CasesInView,
  ConsoleCanAttachGuard,
  ConsoleUploadInterceptor,
];
