import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { fieldError } from '@ketnap/domain';
import { LoginFailureLimiter, LoginService, type LoginResult } from '@ketnap/engine';
import { unauthenticated } from '../common/auth/authenticator';
import { Public } from '../common/auth/requires.decorator';
import { ApiProblems } from '../common/openapi/api-problems.decorator';
import { PROBLEMS } from '../common/openapi/problems';
import { ProblemException } from '../common/problem/problem';
import type { ApiRequest } from '../common/request/api-request';
import { LoginRequestDto, LoginResponseDto } from './user.dto';

const tooManyFailures = (wait: number) =>
  new ProblemException(
    429,
    'TOO_MANY_FAILED_AUTHENTICATIONS.login',
    { wait },
    { headers: { 'Retry-After': String(wait) } },
  );
const refused = () => unauthenticated('UNAUTHENTICATED.login', {}, 'Bearer');

/** Login with a username and a password (API.md "Accounts"): the one route under /api/v1 without a token. */
@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly login: LoginService,
    private readonly failures: LoginFailureLimiter,
  ) {}

  @Post('login')
  @HttpCode(200)
  @Public()
  @ApiOperation({
    summary: 'Log in: a bearer token for the user',
    description:
      'A wrong password, an unknown user and a disabled one get the same 401. After repeated failures for a ' +
      'username or from an address, 429 until Retry-After, before the password is checked.',
  })
  @ApiOkResponse({
    type: LoginResponseDto,
    example: {
      token: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJsYW4ubmd1eWVuIn0.c2lnbmF0dXJl',
      expiresAt: '2024-06-05T09:00:00.000Z',
      user: { username: 'lan.nguyen', name: 'Nguyễn Thị Lan', role: 'secretary', units: ['chi-bo-lang-gia'] },
    },
  })
  @ApiProblems(
    PROBLEMS.invalid(fieldError('password', 'field.required')),
    PROBLEMS.malformedJson,
    PROBLEMS.of(refused()),
    PROBLEMS.of(tooManyFailures(240)),
    PROBLEMS.payloadTooLarge,
    PROBLEMS.unsupportedMediaType,
  )
  async logIn(@Body() { username, password }: LoginRequestDto, @Req() req: ApiRequest): Promise<LoginResult> {
    const address = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    const wait = this.failures.waitOf(username, address);
    if (wait !== undefined) throw tooManyFailures(wait);
    const result = await this.login.login(username, password);
    if (result) return result;
    const over = this.failures.failed(username, address);
    throw over === undefined ? refused() : tooManyFailures(over);
  }
}
