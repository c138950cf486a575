import { Module } from '@nestjs/common';
import { DeadlinesModule } from '../deadlines/deadlines.module';
import { AuditCheckpoints } from './audit-checkpoints';
import {
  ListAuditCheckpointsHandler,
  TakeAuditCheckpointHandler,
  VerifyAuditCheckpointHandler,
} from './audit.handlers';
import { CheckpointSchedule } from './checkpoint-schedule';

/**
 * Signed audit checkpoints (DESIGN.md §9): the handlers behind `/audit/checkpoints` and
 * `/audit/verify?checkpoint=`, and the worker's schedule. Checkpoints are shipped through the
 * deadlines' notification sender (the webhook when one is set).
 */
@Module({
  imports: [DeadlinesModule],
  providers: [
    AuditCheckpoints,
    CheckpointSchedule,
    TakeAuditCheckpointHandler,
    ListAuditCheckpointsHandler,
    VerifyAuditCheckpointHandler,
  ],
  exports: [AuditCheckpoints],
})
export class AuditModule {}
