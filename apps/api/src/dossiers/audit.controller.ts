import { Controller, Get, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ExpensiveReadLimiter,
  RequestError,
  ListAuditCheckpointsQuery,
  TakeAuditCheckpointCommand,
  VerifyAuditCheckpointQuery,
  VerifyAuditQuery,
  type CheckpointAudit,
  type CheckpointView,
} from '@ketnap/engine';
import { fieldError } from '@ketnap/domain';
import type { Actor, VerifyResult } from '@ketnap/event-store';
import { CurrentActor } from '../common/auth/current-actor.decorator';
import { admitExpensiveRead } from '../common/auth/expensive-read';
import { Requires, ScopedTo } from '../common/auth/requires.decorator';
import { ApiProblems } from '../common/openapi/api-problems.decorator';
import { ApiNoBody } from '../common/openapi/api-write.decorator';
import { PROBLEMS } from '../common/openapi/problems';
import { AuditCheckpointsQueryDto, AuditVerifyQueryDto } from './audit.query.dto';
import {
  AUDIT_VERIFY_EXAMPLE,
  AuditVerifyResponseDto,
  CHECKPOINT_LIST_EXAMPLE,
  CheckpointListResponseDto,
  TAKEN_CHECKPOINT_EXAMPLE,
  TakenCheckpointResponseDto,
} from './audit.response.dto';

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
  @ApiOperation({ summary: "Verify every stream's hash chain, and with ?checkpoint= what changed since it" })
  @ApiOkResponse({ type: AuditVerifyResponseDto, example: AUDIT_VERIFY_EXAMPLE })
  @ApiProblems(
    PROBLEMS.invalid(fieldError('checkpoint', 'field.checkpoint-id')),
    PROBLEMS.of(new RequestError('not-found', 'NOT_FOUND.checkpoint', { id: 'cp-000000000018-20240610T010000000Z' })),
    PROBLEMS.tooManyExpensiveReads,
  )
  verify(@Query() query: AuditVerifyQueryDto, @CurrentActor() actor: Actor): Promise<VerifyResult | CheckpointAudit> {
    admitExpensiveRead(this.expensive, actor);
    if (query.checkpoint === undefined) return this.queries.execute(new VerifyAuditQuery());
    return this.queries.execute(new VerifyAuditCheckpointQuery(query.checkpoint));
  }

  /** Signs the global position and every stream's head now: `{ id, position, head, at, signature, publicKey, … }`. */
  @Post('checkpoints')
  @Requires('audit:checkpoint')
  @ApiOperation({ summary: "Sign the global position and every stream's head now (Ed25519)" })
  @ApiNoBody('the server signs the state of its store as it stands: there is nothing to send')
  @ApiCreatedResponse({ type: TakenCheckpointResponseDto, example: TAKEN_CHECKPOINT_EXAMPLE })
  checkpoint(): Promise<CheckpointView & { publicKey: string }> {
    return this.commands.execute(new TakeAuditCheckpointCommand());
  }

  /** This server's checkpoints, the newest first. */
  @Get('checkpoints')
  @Requires('audit:read')
  @ApiOperation({ summary: "This server's audit checkpoints, the newest first" })
  @ApiOkResponse({ type: CheckpointListResponseDto, example: CHECKPOINT_LIST_EXAMPLE })
  @ApiProblems(PROBLEMS.invalid(fieldError('limit', 'field.integer-range', { min: 1, max: 500 })))
  checkpoints(@Query() query: AuditCheckpointsQueryDto): Promise<{ items: CheckpointView[] }> {
    return this.queries.execute(new ListAuditCheckpointsQuery(query.limit ?? 50));
  }
}
