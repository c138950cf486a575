export * from './config/config';
export { KETNAP_CONFIG } from './config/config.token';
export * from './config/demo-clock';
export { ketnapVersion, projectFolder } from './config/project-folder';
export * from './clock/clock';
export { ConsumerRegistry, type LogConsumer } from './consumers/consumer-registry';
export { createEventStore, sqlitePath } from './store/event-store.provider';
export {
  StoreTargetError,
  isConfiguredStore,
  openTargetStore,
  parseStoreTarget,
  targetLabel,
  type StoreTarget,
} from './store/store-target';
export { EngineModule } from './engine.module';
export { runMain } from './run-main';
export { RequestHeapCollector, SettledCollector, boundHeapGrowth } from './heap-growth';
export { closeOnSignals } from './close-on-signals';
export {
  REDIS_CHECK_MS,
  StartCheckError,
  assertDataFilesLoad,
  assertPortFree,
  assertRedisReachable,
} from './start-checks';
export { KetnapLogger, vietnamTime, type LogFields } from './logging/ketnap-logger';
export * from './auth/permissions';
export { toEventActor, type AuthenticatedActor } from './auth/authenticated-actor';
export { TokenError, parseTtl, signToken, verifyToken, type TokenFailure } from './auth/jwt';
export { authSecretPath, resolveAuthSecret } from './auth/auth-secret';
export { TokenService } from './auth/token.service';
export {
  AuthFailureLimiter,
  DEFAULT_AUTH_FAILURE_LIMIT,
  ExpensiveReadLimiter,
  LoginFailureLimiter,
  RateLimiter,
  type RateLimit,
} from './auth/rate-limiter';
export { ActorScope, dossierUnitFor, type ScopedActor } from './auth/actor-scope';
export { COMMAND_PERMISSIONS, permissionsFor } from './auth/dossier-access';
export { AuthModule } from './auth/auth.module';
export * from './commands/refusals';
export { commandIdOf, type CommandContext } from './commands/command-context';
export { runCommand, type CommandResult, type StreamCommand } from './commands/command-pipeline';
export { UnitsReader } from './units/units.reader';
export { RecordUnitCommand } from './units/record-unit.command';
export { RecordUnitHandler } from './units/record-unit.handler';
export { GetUnitQuery, ListUnitsQuery } from './units/unit.queries';
export { UnitsModule } from './units/units.module';
export { AdoptPlanCommand, type PlanSubmission } from './plans/adopt-plan.command';
export { AdoptPlanHandler } from './plans/adopt-plan.handler';
export { GetPlanQuery } from './plans/get-plan.query';
export { PlansModule } from './plans/plans.module';
export { CALENDAR, loadCalendar } from './calendar/calendar.provider';
export { RULES, builtInRuleSets, loadRuleSets, ruleSetHash, type LoadedRuleSets } from './rules/rule-sets.provider';
export {
  DossierService,
  isDossierId,
  type CommandOptions,
  type CommandOutcome,
  type LoadedDossier,
} from './dossiers/dossier.service';
export {
  importDossiers,
  type ImportOutcome,
  type ImportRunOptions,
  type ImportStatus,
} from './dossiers/dossier-import';
export { ReadModelsModule, readModelsCipher } from './read-models/read-models.module';
export { ReadModelsHost } from './read-models/read-models.host';
export {
  PERSONAL_COLUMNS,
  PROJECTIONS,
  OVERDUE_DOSSIERS,
  projectionsPath,
  type OverdueDossiers,
} from './read-models/read-models.tokens';
export {
  ReportsService,
  type AdmissionsFigures,
  type AdmissionsRollUp,
  type PipelineCommitteeRow,
  type PipelineReport,
  type PipelineRollUp,
} from './read-models/reports.service';
export { DossierListService, type DossierListQuery } from './read-models/dossier-list.service';
export { WorkerModule } from './worker/worker.module';
export { WorkerAppModule, createWorkerApp } from './worker/worker-app';
export { AuditModule } from './audit/audit.module';
export { AuditCheckpoints, type CheckpointAudit } from './audit/audit-checkpoints';
export * from './audit/audit.commands';
export { CHECKPOINT_ID, CheckpointFolder } from './audit/checkpoint-folder';
export { checkpointKeyPath, loadCheckpointKeys, type CheckpointKeys } from './audit/checkpoint-keys';
export type { CheckpointView } from './audit/checkpoint.view';
export * from './dossiers/dossier.commands';
export { deadlineView, dossierView, historyItem, type DeadlineView, type DossierView } from './dossiers/dossier.view';
export { DossiersModule } from './dossiers/dossiers.module';
export {
  ErasePersonalDataCommand,
  ExportPersonalDataQuery,
  type ErasureOutcome,
  type PersonalExport,
  type PersonalExportItem,
} from './dossiers/personal-data.handlers';
export * from './personal/personal-keys';
export { DeadlinesModule } from './deadlines/deadlines.module';
export { DeadlineBoardsModule } from './deadlines/deadline-boards.module';
export { DeadlineSaga, type ReconcileOutcome } from './deadlines/deadline-saga';
export { DeadlineSagaConsumer, SAGA_LEASE, type SagaLeaseOptions } from './deadlines/deadline-saga.consumer';
export { DeadlineSweep, type RearmMode, type SweepOutcome } from './deadlines/deadline-sweep';
export { CLOCK_JUMP, ClockJumpService, type ClockJump, type ClockJumpPort } from './deadlines/clock-jump.service';
export { DeadlinesReader, type DeadlinePage, type DeadlineQuery } from './deadlines/deadlines.reader';
export { DEADLINES_BOARD, DEADLINES_DB, READ_MODELS_SYNC, type ReadModelsSync } from './deadlines/deadlines.tokens';
export { SAGA_HOOKS, type SagaCause, type SagaHooks } from './deadlines/saga-hooks';
export { SAGA_ACTOR, deterministicUuid, lateFrom, timerIdOf } from './deadlines/saga-ids';
export { ReminderService } from './deadlines/reminder.service';
export { SagaStore, type SagaCheckpoint } from './deadlines/saga-store';
export {
  DEFAULT_LEASE_RENEW_MS,
  DEFAULT_LEASE_TTL_MS,
  Lease,
  type LeaseHolder,
  type LeaseOptions,
  type LeaseTiming,
} from './worker-state/lease';
export { WORKER_SCHEMA, WORKER_SQL, openWorkerSql } from './worker-state/worker-sql';
export { SagaTimers, type TimerTarget } from './deadlines/saga-timers';
export { QUOTA_REPORTS_TASK, SweepTasks, type SweepTask, type SweepTaskOutcome } from './deadlines/sweep-tasks';
export { InspectionModule } from './inspection/inspection.module';
export {
  InspectionCaseReader,
  decodeCaseCursor,
  type CasePage,
  type HistoryItem,
  type InspectionCaseView,
} from './inspection/inspection-case.reader';
export { InspectionCaseWriter, type CaseWriteResult } from './inspection/inspection-case.writer';
export { INSPECTION_CASES_BOARD } from './inspection/inspection.tokens';
export { QuotaIssuesModule } from './quota-issues/quota-issues.module';
export { IssuedQuotaReportSource } from './quota-issues/issued-quota-report.source';
export { IssuedQuotaReportsReader, type IssuedQuotaReportItem } from './quota-issues/issued-quota-reports.reader';
export {
  QuotaIssuer,
  quotaIssueCommandId,
  quotaIssuesOf,
  quotaReportHash,
  type QuotaIssue,
} from './quota-issues/quota-issuer';
export { AccountsModule } from './accounts/accounts.module';
export { UsersReadModelModule } from './accounts/users-read-model.module';
export { UserAccounts, type UserInput, type UserView } from './accounts/user-accounts';
export { LOGIN_TTL_SECONDS, LoginService, type LoginResult } from './accounts/login.service';
export { hashPassword, verifyPassword } from './accounts/password-hash';
export { AccessLogModule } from './access-log/access-log.module';
export { AccessLogReader } from './access-log/access-log.reader';
export {
  ACCESS_LOG_ACTOR,
  ACCESS_LOG_BATCH,
  ACCESS_LOG_FLUSH_MS,
  PersonalDataReads,
} from './access-log/personal-data-reads';
