import { Module } from '@nestjs/common';
import { ReportReader } from './report-reader';

/** The reports' figures, shared by the API's report routes and the console's report pages. */
@Module({ providers: [ReportReader], exports: [ReportReader] })
export class ReportsModule {}
