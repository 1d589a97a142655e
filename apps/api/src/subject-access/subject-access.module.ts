import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { SubjectAccess } from './subject-access.service';

/** Subject access, shared by the API's export route and the console's page. */
@Module({ imports: [CasesModule], providers: [SubjectAccess], exports: [SubjectAccess] })
export class SubjectAccessModule {}
