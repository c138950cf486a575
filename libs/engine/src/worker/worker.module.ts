import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { DeadlineBoardsModule } from '../deadlines/deadline-boards.module';
import { DeadlinesModule } from '../deadlines/deadlines.module';
import { QuotaIssuesModule } from '../quota-issues/quota-issues.module';
import { ReadModelsModule } from '../read-models/read-models.module';
import { UsersReadModelModule } from '../accounts/users-read-model.module';
import { AccessLogModule } from '../access-log/access-log.module';

/**
 * The background work of DESIGN.md §2 "worker": the read models' runners (started when
 * `config.worker` is on) and, beside them, the deadline saga and the audit checkpoints' schedule.
 * `npm start` imports it into the API process unless KETNAP_WORKER=off; `apps/worker` runs it alone.
 * Modules added here must do nothing while `config.worker` is off: the CLI loads this module to find
 * every projection.
 */
@Module({
  imports: [
    ReadModelsModule,
    DeadlineBoardsModule,
    UsersReadModelModule,
    AccessLogModule,
    DeadlinesModule,
    AuditModule,
    QuotaIssuesModule,
  ],
  exports: [ReadModelsModule, DeadlinesModule, AuditModule, QuotaIssuesModule],
})
export class WorkerModule {}
