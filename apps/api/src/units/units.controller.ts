import { Body, Controller, Get, HttpCode, Param, Put } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PlanError, UNIT_KINDS, fieldError, whyUnitMisfits, type OrgUnit, type UnitView } from '@ketnap/domain';
import { GetUnitQuery, ListUnitsQuery, RecordUnitCommand, type CommandContext } from '@ketnap/engine';
import { Requires, ScopedTo } from '../common/auth/requires.decorator';
import { ProblemException } from '../common/problem/problem';
import { ApiProblems } from '../common/openapi/api-problems.decorator';
import { ApiWrite } from '../common/openapi/api-write.decorator';
import { PROBLEMS } from '../common/openapi/problems';
import { Write } from '../common/request/write-context.decorator';
import { PutUnitRequestDto } from './put-unit.request.dto';
import { UnitIdParams } from './unit-id.params';
import { UNIT_EXAMPLE, UNIT_LIST_EXAMPLE, UnitListResponseDto, UnitResponseDto } from './unit.response.dto';

const UNIT_ID_INVALID = PROBLEMS.invalid(fieldError('unitId', 'field.unit-id'));

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
  @ApiOperation({ summary: 'Record a unit, created or replaced whole (fields left out are removed)' })
  @ApiWrite('unit', PROBLEMS.invalid(fieldError('kind', 'field.one-of', { values: [...UNIT_KINDS] })))
  @ApiOkResponse({ type: UnitResponseDto, example: UNIT_EXAMPLE, description: 'The unit as recorded' })
  @ApiProblems(
    UNIT_ID_INVALID,
    PROBLEMS.of(
      new PlanError(
        'UNKNOWN_UNIT.parent',
        {
          kind: { key: 'unit-kind.branch' },
          parentKinds: { key: 'parent-kinds.branch' },
          parentId: 'xa-bac',
          why: whyUnitMisfits(undefined),
        },
        { unitId: 'thon-hai', parentId: 'xa-bac' },
      ),
    ),
    PROBLEMS.invalid(fieldError('authorities.1.to', 'field.period-order')),
    PROBLEMS.of(
      new PlanError(
        'UNIT_PARENT_INVALID.loop',
        { unitId: 'xa-dong', parentId: 'thon-mot' },
        { unitId: 'xa-dong', parentId: 'thon-mot' },
      ),
    ),
  )
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
    if (body.authorities !== undefined && body.authorities !== null)
      unit.authorities = body.authorities.map(({ from, to, unitId: authority }) => ({
        from,
        ...(to !== undefined && to !== null && { to }),
        unitId: authority,
      }));
    return this.commands.execute(new RecordUnitCommand(unit, context));
  }

  @Get()
  @Requires('units:read')
  @ApiOperation({ summary: 'The unit catalog' })
  @ApiOkResponse({ type: UnitListResponseDto, example: UNIT_LIST_EXAMPLE })
  async list(): Promise<{ items: UnitView[] }> {
    return { items: await this.queries.execute(new ListUnitsQuery()) };
  }

  @Get(':unitId')
  @Requires('units:read')
  @ApiOperation({ summary: 'One unit of the catalog' })
  @ApiOkResponse({ type: UnitResponseDto, example: UNIT_EXAMPLE })
  @ApiProblems(UNIT_ID_INVALID, PROBLEMS.of(new ProblemException(404, 'NOT_FOUND.unit', { unitId: 'thon-ba' })))
  async get(@Param() { unitId }: UnitIdParams): Promise<UnitView> {
    const unit = await this.queries.execute(new GetUnitQuery(unitId));
    if (!unit) throw new ProblemException(404, 'NOT_FOUND.unit', { unitId });
    return unit;
  }
}
