import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import {
  AccountsModule,
  AuthModule,
  DossiersModule,
  EngineModule,
  PlansModule,
  UnitsModule,
  WorkerModule,
  type KetnapConfig,
} from '@ketnap/engine';
import { DeadlinesController } from './deadlines/deadlines.controller';
import { InspectionCasesController } from './inspection/inspection-cases.controller';
import { ClockController } from './system/clock.controller';
import { AuditController } from './dossiers/audit.controller';
import { AccessLogController } from './dossiers/access-log.controller';
import { DossiersController } from './dossiers/dossiers.controller';
import { PersonalDataController } from './dossiers/personal-data.controller';
import { AuthGuard } from './common/auth/auth.guard';
import { FirstAdminHint } from './bootstrap/first-admin-hint';
import { ProblemFilter } from './common/problem/problem.filter';
import { ApiValidationPipe } from './common/validation/validation.pipe';
import { CommitteePlansController } from './committees/committee-plans.controller';
import { PlansController } from './plans/plans.controller';
import { HealthController } from './system/health.controller';
import { MetricsController } from './system/metrics.controller';
import { UnitsController } from './units/units.controller';
import { AuthController } from './accounts/auth.controller';
import { UsersController } from './accounts/users.controller';
import { DossierListController } from './dossiers/dossier-list.controller';
import { CommitteeReportsController } from './reports/committee-reports.controller';
import { IssuedReportsController } from './reports/issued-reports.controller';
import { ReportsController } from './reports/reports.controller';
import type { WorkerLink } from './worker-thread/worker-link';
import { workerThreadProviders } from './worker-thread/worker-thread.providers';

/**
 * The HTTP app: engine wiring, the command and query buses, and the edges every route shares: the
 * bearer-token guard, DTO validation and problem+json errors. With `link`, the worker runs in a thread
 * of its own and the app reaches it through the link.
 */
@Module({})
export class ApiModule {
  static forRoot(config: KetnapConfig, link?: WorkerLink): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        EngineModule.forRoot(config),
        CqrsModule.forRoot(),
        AuthModule,
        AccountsModule,
        UnitsModule,
        PlansModule,
        DossiersModule,
        WorkerModule,
      ],
      controllers: [
        HealthController,
        MetricsController,
        UnitsController,
        PlansController,
        CommitteePlansController,
        DossiersController,
        PersonalDataController,
        AuditController,
        AccessLogController,
        DeadlinesController,
        InspectionCasesController,
        ClockController,
        DossierListController,
        ReportsController,
        CommitteeReportsController,
        IssuedReportsController,
        AuthController,
        UsersController,
      ],
      providers: [
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: ProblemFilter },
        { provide: APP_PIPE, useClass: ApiValidationPipe },
        FirstAdminHint,
        ...(link ? workerThreadProviders(link) : []),
      ],
    };
  }
}
