import type { Provider, Type } from '@nestjs/common';
import { CasePageController } from './case-page.controller';
import { ConsoleCanAttachGuard, ConsoleUploadInterceptor } from './document-upload';

/** The case page's controllers, in the order their routes must be tried. */
export const CASE_PAGE_CONTROLLERS: Type[] = [CasePageController];

export const CASE_PAGE_PROVIDERS: Provider[] = [ConsoleCanAttachGuard, ConsoleUploadInterceptor];
