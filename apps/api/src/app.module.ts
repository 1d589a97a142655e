import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { MulterModule } from '@nestjs/platform-express';
import { systemClock, type Clock } from '#event-store';
import { AuthModule } from './auth/auth.module';
import { ProjectionsAdminController } from './admin/projections-admin.controller';
import { CaseCommandsController } from './cases/case-commands.controller';
import { CaseDocumentsController } from './cases/case-documents.controller';
import { CaseQueriesController } from './cases/case-queries.controller';
import { CasesModule } from './cases/cases.module';
import { ConsoleModule } from './console/console.module';
import { CorrespondenceModule } from './correspondence/correspondence.module';
import { PersonalDataModule } from './personal-data/personal-data.module';
import { LettersController } from './correspondence/letters.controller';
import { CaseHistoryController } from './history/case-history.controller';
import { JobsAdminController } from './jobs/jobs-admin.controller';
import { ProjectionsModule } from './projections/projections.module';
import { CaseQueueController } from './queries/case-queue.controller';
import { DashboardController } from './queries/dashboard.controller';
import { ReportsController } from './reports/reports.controller';
import { ReportsModule } from './reports/reports.module';
import type { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { HealthController } from './health/health.controller';
import { JobsModule } from './jobs/jobs.module';
import { PeopleModule } from './people/people.module';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { stagingStorageEngine } from './cases/staging-storage-engine';
import { StorageModule } from './storage/storage.module';
import { SubjectAccessController } from './subject-access/subject-access.controller';
import { SubjectAccessModule } from './subject-access/subject-access.module';
import { STORAGE, type Storage } from './storage/storage';

/** Every route of the HTTP API: what `all` and `api` processes serve. A worker serves only health. */
const API_CONTROLLERS: Type[] = [
  CaseCommandsController,
  CaseQueriesController,
  CaseDocumentsController,
  LettersController,
  CaseQueueController,
  DashboardController,
  ReportsController,
  CaseHistoryController,
  ProjectionsAdminController,
  JobsAdminController,
  SubjectAccessController,
];

@Module({})
export class AppModule {
  static forConfig(config: AppConfig, clock: Clock = systemClock): DynamicModule {
    const servesApi = config.role !== 'worker';
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        StorageModule.forRoot(clock),
        AuthModule,
        CasesModule,
        CorrespondenceModule,
        PersonalDataModule,
        PeopleModule,
        ReportsModule,
        SubjectAccessModule,
        // Uploads go to a temporary file as they arrive, never into memory.
        MulterModule.registerAsync({
          inject: [STORAGE],
          useFactory: (storage: Storage) => ({ storage: stagingStorageEngine(storage.staging) }),
        }),
        ProjectionsModule,
        // An API replica leaves the timers to the worker; it still runs a job on demand.
        JobsModule.forRoot({ timers: config.scheduler && config.role !== 'api' }),
        ...(servesApi ? [ConsoleModule] : []),
      ],
      controllers: [HealthController, ...(servesApi ? API_CONTROLLERS : [])],
      providers: [{ provide: APP_FILTER, useClass: ProblemDetailsFilter }],
    };
  }
}
