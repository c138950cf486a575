import { Inject, Injectable } from '@nestjs/common';
import type { KetnapConfig } from '../config/config';
import { KETNAP_CONFIG } from '../config/config.token';
import type { AuthenticatedActor } from './authenticated-actor';
import { resolveAuthSecret } from './auth-secret';
import { signToken, verifyToken } from './jwt';

/**
 * Signs and checks bearer tokens with the server's secret (`AUTH_SECRET` or the data dir's file). During a
 * rotation, tokens signed with `AUTH_SECRET_PREVIOUS` are still accepted; new ones are signed with the current
 * secret only. Every token, whoever minted it, must live at most `AUTH_MAX_TTL`.
 */
@Injectable()
export class TokenService {
  private readonly secret: Uint8Array;
  /** Current secret first, then the rotated-out one. */
  private readonly verificationKeys: readonly Uint8Array[];
  private readonly maxTtlSeconds: number | undefined;

  constructor(@Inject(KETNAP_CONFIG) config: KetnapConfig) {
    this.secret = resolveAuthSecret(config);
    const previous = config.authSecretPrevious ? [new TextEncoder().encode(config.authSecretPrevious)] : [];
    this.verificationKeys = [this.secret, ...previous];
    this.maxTtlSeconds = config.authMaxTtlSeconds;
  }

  /** @throws TokenError saying why the token is refused. */
  verify(token: string): Promise<AuthenticatedActor> {
    return verifyToken(this.verificationKeys, token, { maxTtlSeconds: this.maxTtlSeconds });
  }

  sign(actor: AuthenticatedActor, ttlSeconds: number): Promise<string> {
    return signToken(this.secret, actor, ttlSeconds);
  }
}
