import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { systemClock, type Clock } from '#event-store';
import { AuthModule } from './auth/auth.module';
import { ProjectionsAdminController } from './admin/projections-admin.controller';
import { CasesModule } from './cases/cases.module';
import { CaseHistoryController } from './history/case-history.controller';
import { ProjectionsModule } from './projections/projections.module';
import { CaseQueueController } from './queries/case-queue.controller';
import { DashboardController } from './queries/dashboard.controller';
import { ReportsController } from './reports/reports.controller';
import type { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { HealthController } from './health/health.controller';
import { JobsModule } from './jobs/jobs.module';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { StorageModule } from './storage/storage.module';

@Module({})
export class AppModule {
  static forConfig(config: AppConfig, clock: Clock = systemClock): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        StorageModule.forRoot(clock),
        AuthModule,
        CasesModule,
        ProjectionsModule,
        JobsModule.forConfig(config),
      ],
      controllers: [
        HealthController,
        CaseQueueController,
        DashboardController,
        ReportsController,
        CaseHistoryController,
        ProjectionsAdminController,
      ],
      providers: [{ provide: APP_FILTER, useClass: ProblemDetailsFilter }],
    };
  }
}
