import { Module } from '@nestjs/common';
import { AuthFailureLimiter } from './auth-failure-limiter';
import { TokenService } from './token.service';

/** Bearer tokens: the signing secret, verification and the failed-authentication limiter. */
@Module({
  providers: [TokenService, { provide: AuthFailureLimiter, useFactory: () => new AuthFailureLimiter() }],
  exports: [TokenService, AuthFailureLimiter],
})
export class AuthModule {}
