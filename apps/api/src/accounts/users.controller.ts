import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccountError, PASSWORD_MAX, PASSWORD_MIN, fieldError, whyUnitMisfits } from '@ketnap/domain';
import { UserAccounts, type CommandContext, type UserView } from '@ketnap/engine';
import { UsersDirectory, type UserRow } from '@ketnap/projections';
import { Requires, ScopedTo } from '../common/auth/requires.decorator';
import { ApiProblems } from '../common/openapi/api-problems.decorator';
import { ApiNoBody, ApiWrite } from '../common/openapi/api-write.decorator';
import { PROBLEMS } from '../common/openapi/problems';
import { Write } from '../common/request/write-context.decorator';
import { PutUserRequestDto, USER_EXAMPLE, UserListResponseDto, UserResponseDto, UsernameParams } from './user.dto';

const USERNAME_INVALID = PROBLEMS.invalid(fieldError('username', 'field.username'));
const USER_NOT_FOUND = PROBLEMS.of(new AccountError('USER_NOT_FOUND', { username: 'lan.nguyen' }));

/** User accounts (API.md "Accounts"), the admin's: `PUT /users/{username}`, `GET /users`, `POST /users/{username}/disable`. */
@ApiTags('users')
@ApiBearerAuth()
@ScopedTo('none')
@Controller('users')
export class UsersController {
  constructor(
    private readonly accounts: UserAccounts,
    private readonly directory: UsersDirectory,
  ) {}

  @Put(':username')
  @HttpCode(200)
  @Requires('users:write')
  @ApiOperation({ summary: 'Create a user, or replace its profile (and its password when one is sent)' })
  @ApiWrite(
    'user',
    PROBLEMS.invalid(fieldError('password', 'field.password', { min: PASSWORD_MIN, max: PASSWORD_MAX })),
  )
  @ApiOkResponse({
    type: UserResponseDto,
    example: USER_EXAMPLE,
    description: 'The user as recorded, without its password',
  })
  @ApiProblems(
    USERNAME_INVALID,
    PROBLEMS.of(
      new AccountError(
        'UNKNOWN_UNIT.user',
        { unitId: 'doan-thanh-nien', role: 'secretary', kinds: ['branch'], why: whyUnitMisfits('mass-org') },
        { field: 'units', unitId: 'doan-thanh-nien', kind: 'mass-org' },
      ),
    ),
  )
  put(
    @Param() { username }: UsernameParams,
    @Body() body: PutUserRequestDto,
    @Write() context: CommandContext,
  ): Promise<UserView> {
    const { name, role, units, password } = body;
    return this.accounts.record(username, { name, role, units, ...(password !== undefined && { password }) }, context);
  }

  @Get()
  @Requires('users:read')
  @ApiOperation({ summary: 'Every user, by username (without passwords)' })
  @ApiOkResponse({ type: UserListResponseDto, example: { items: [USER_EXAMPLE] } })
  @ApiProblems(PROBLEMS.readModelNotReady)
  async list(): Promise<{ items: UserRow[] }> {
    return { items: await this.directory.list() };
  }

  @Post(':username/disable')
  @HttpCode(200)
  @Requires('users:write')
  @ApiOperation({ summary: 'Disable a user: its login and every token naming it are refused from now on' })
  @ApiNoBody('the username in the path says everything')
  @ApiOkResponse({ type: UserResponseDto, example: { ...USER_EXAMPLE, disabled: true, version: 2 } })
  @ApiProblems(USERNAME_INVALID, USER_NOT_FOUND, PROBLEMS.versionConflict, PROBLEMS.idempotencyKeyReused)
  disable(@Param() { username }: UsernameParams, @Write() context: CommandContext): Promise<UserView> {
    return this.accounts.disable(username, context);
  }
}
