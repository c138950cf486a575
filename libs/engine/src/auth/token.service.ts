import { Inject, Injectable } from '@nestjs/common';
import type { KetnapConfig } from '../config/config';
import { KETNAP_CONFIG } from '../config/config.token';
import type { AuthenticatedActor } from './authenticated-actor';
import { resolveAuthSecret } from './auth-secret';
import { signToken, verifyToken } from './jwt';

/** Signs and checks bearer tokens with the server's secret (`AUTH_SECRET` or the data dir's file). */
@Injectable()
export class TokenService {
  private readonly secret: Uint8Array;

  constructor(@Inject(KETNAP_CONFIG) config: KetnapConfig) {
    this.secret = resolveAuthSecret(config);
  }

  /** @throws TokenError saying why the token is refused. */
  verify(token: string): Promise<AuthenticatedActor> {
    return verifyToken(this.secret, token);
  }

  sign(actor: AuthenticatedActor, ttlSeconds: number): Promise<string> {
    return signToken(this.secret, actor, ttlSeconds);
  }
}
