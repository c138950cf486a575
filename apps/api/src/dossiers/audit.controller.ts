import { Controller, Get, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  ExpensiveReadLimiter,
  ListAuditCheckpointsQuery,
  TakeAuditCheckpointCommand,
  VerifyAuditCheckpointQuery,
  VerifyAuditQuery,
  type CheckpointAudit,
  type CheckpointView,
} from '@ketnap/engine';
import type { Actor, VerifyResult } from '@ketnap/event-store';
import { CurrentActor } from '../common/auth/current-actor.decorator';
import { admitExpensiveRead } from '../common/auth/expensive-read';
import { Requires, ScopedTo } from '../common/auth/requires.decorator';
import { AuditCheckpointsQueryDto, AuditVerifyQueryDto } from './audit.query.dto';

/**
 * `GET /audit/verify`: recomputes every stream's hash chain and names the first broken event; with
 * `?checkpoint=`, also every stream changed since that signed checkpoint (API.md "Audit anchoring").
 * The audit covers the whole store, whatever the reader's units: it shows stream ids and hashes only.
 */
@ApiTags('audit')
@ApiBearerAuth()
@ScopedTo('none')
@Controller('audit')
export class AuditController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly expensive: ExpensiveReadLimiter,
  ) {}

  /** Walks the whole log: an expensive read, limited per token (`KETNAP_EXPENSIVE_READS_PER_MINUTE`). */
  @Get('verify')
  @Requires('audit:read')
  verify(@Query() query: AuditVerifyQueryDto, @CurrentActor() actor: Actor): Promise<VerifyResult | CheckpointAudit> {
    admitExpensiveRead(this.expensive, actor);
    if (query.checkpoint === undefined) return this.queries.execute(new VerifyAuditQuery());
    return this.queries.execute(new VerifyAuditCheckpointQuery(query.checkpoint));
  }

  /** Signs the global position and every stream's head now: `{ id, position, head, at, signature, publicKey, … }`. */
  @Post('checkpoints')
  @Requires('audit:checkpoint')
  checkpoint(): Promise<CheckpointView & { publicKey: string }> {
    return this.commands.execute(new TakeAuditCheckpointCommand());
  }

  /** This server's checkpoints, the newest first. */
  @Get('checkpoints')
  @Requires('audit:read')
  checkpoints(@Query() query: AuditCheckpointsQueryDto): Promise<{ items: CheckpointView[] }> {
    return this.queries.execute(new ListAuditCheckpointsQuery(query.limit ?? 50));
  }
}
