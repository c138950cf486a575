import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { VerifyAuditQuery } from '@ketnap/engine';
import type { VerifyResult } from '@ketnap/event-store';
import { Requires } from '../common/auth/requires.decorator';

/** `GET /audit/verify`: recomputes every stream's hash chain and names the first broken event. */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly queries: QueryBus) {}

  @Get('verify')
  @Requires('audit:read')
  verify(): Promise<VerifyResult> {
    return this.queries.execute(new VerifyAuditQuery());
  }
}
