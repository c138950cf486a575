import { Module } from '@nestjs/common';
import type { KetnapConfig } from '../config/config';
import { KETNAP_CONFIG } from '../config/config.token';
import { AuthFailureLimiter, ExpensiveReadLimiter, LoginFailureLimiter } from './rate-limiter';
import { TokenService } from './token.service';

/** Bearer tokens: the signing secret, verification, and the limits on failed authentications and expensive reads. */
@Module({
  providers: [
    TokenService,
    { provide: AuthFailureLimiter, useFactory: () => new AuthFailureLimiter() },
    { provide: LoginFailureLimiter, useFactory: () => new LoginFailureLimiter() },
    {
      provide: ExpensiveReadLimiter,
      inject: [KETNAP_CONFIG],
      useFactory: (config: KetnapConfig) =>
        new ExpensiveReadLimiter({ maxHits: config.expensiveReadsPerMinute, windowMs: 60_000 }),
    },
  ],
  exports: [TokenService, AuthFailureLimiter, ExpensiveReadLimiter, LoginFailureLimiter],
})
export class AuthModule {}
