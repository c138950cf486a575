import { Body, Controller, Get, HttpCode, Param, Put } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { OrgUnit, UnitView } from '@ketnap/domain';
import { GetUnitQuery, ListUnitsQuery, RecordUnitCommand, type CommandContext } from '@ketnap/engine';
import { Requires, ScopedTo } from '../common/auth/requires.decorator';
import { ProblemException } from '../common/problem/problem';
import { Write } from '../common/request/write-context.decorator';
import { PutUnitRequestDto } from './put-unit.request.dto';
import { UnitIdParams } from './unit-id.params';
import { UnitListResponseDto, UnitResponseDto } from './unit.response.dto';

/** The unit catalog: `PUT /units/{unitId}`, `GET /units`, `GET /units/{unitId}`. */
@ApiTags('units')
@ApiBearerAuth()
@ScopedTo('none')
@Controller('units')
export class UnitsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Put(':unitId')
  @HttpCode(200)
  @Requires('units:write')
  @ApiHeader({ name: 'If-Match', required: false, description: "The unit's version the client saw (409 when stale)" })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Makes the write safe to resend' })
  @ApiOkResponse({ type: UnitResponseDto })
  put(
    @Param() { unitId }: UnitIdParams,
    @Body() body: PutUnitRequestDto,
    @Write() context: CommandContext,
  ): Promise<UnitView> {
    const unit: OrgUnit = { unitId, name: body.name, kind: body.kind };
    if (body.parentId !== undefined && body.parentId !== null) unit.parentId = body.parentId;
    if (body.block !== undefined && body.block !== null) unit.block = body.block;
    if (body.officialMembers !== undefined && body.officialMembers !== null)
      unit.officialMembers = body.officialMembers;
    if (body.committeeMembers !== undefined && body.committeeMembers !== null)
      unit.committeeMembers = body.committeeMembers;
    return this.commands.execute(new RecordUnitCommand(unit, context));
  }

  @Get()
  @Requires('units:read')
  @ApiOkResponse({ type: UnitListResponseDto })
  async list(): Promise<{ items: UnitView[] }> {
    return { items: await this.queries.execute(new ListUnitsQuery()) };
  }

  @Get(':unitId')
  @Requires('units:read')
  @ApiOkResponse({ type: UnitResponseDto })
  async get(@Param() { unitId }: UnitIdParams): Promise<UnitView> {
    const unit = await this.queries.execute(new GetUnitQuery(unitId));
    if (!unit) throw new ProblemException(404, 'NOT_FOUND.unit', { unitId });
    return unit;
  }
}
