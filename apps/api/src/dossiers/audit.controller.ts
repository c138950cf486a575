import { Controller, Get, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  ListAuditCheckpointsQuery,
  TakeAuditCheckpointCommand,
  VerifyAuditCheckpointQuery,
  VerifyAuditQuery,
  type CheckpointAudit,
  type CheckpointView,
} from '@ketnap/engine';
import type { VerifyResult } from '@ketnap/event-store';
import { Requires } from '../common/auth/requires.decorator';
import { AuditCheckpointsQueryDto, AuditVerifyQueryDto } from './audit.query.dto';

/**
 * `GET /audit/verify`: recomputes every stream's hash chain and names the first broken event; with
 * `?checkpoint=`, also every stream changed since that signed checkpoint (API.md "Audit anchoring").
 */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get('verify')
  @Requires('audit:read')
  verify(@Query() query: AuditVerifyQueryDto): Promise<VerifyResult | CheckpointAudit> {
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
