import { Inject, Injectable } from '@nestjs/common';
import type { KetnapConfig } from '../config/config';
import { KETNAP_CONFIG } from '../config/config.token';
import type { AuthenticatedActor } from './authenticated-actor';
import { resolveAuthSecret } from './auth-secret';
import { CLOCK_SKEW_SECONDS, expiryOf, signToken, verifyToken } from './jwt';

/** Tokens verified lately, kept until they expire: a client sends the same one with every request. */
const VERIFIED_LIMIT = 10_000;

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
  private readonly verified = new Map<string, { actor: AuthenticatedActor; exp: number }>();

  constructor(@Inject(KETNAP_CONFIG) config: KetnapConfig) {
    this.secret = resolveAuthSecret(config);
    const previous = config.authSecretPrevious ? [new TextEncoder().encode(config.authSecretPrevious)] : [];
    this.verificationKeys = [this.secret, ...previous];
    this.maxTtlSeconds = config.authMaxTtlSeconds;
  }

  /**
   * The actor of a valid token. A token verified before answers from memory until its expiry (its
   * signature and claims cannot have changed); an expired one is verified again, and refused.
   * @throws TokenError saying why the token is refused.
   */
  async verify(token: string): Promise<AuthenticatedActor> {
    const known = this.verified.get(token);
    if (known && Date.now() / 1000 < known.exp + CLOCK_SKEW_SECONDS) return known.actor;
    this.verified.delete(token);
    const actor = await verifyToken(this.verificationKeys, token, { maxTtlSeconds: this.maxTtlSeconds });
    const exp = expiryOf(token);
    if (this.verified.size >= VERIFIED_LIMIT) this.verified.clear();
    this.verified.set(token, {
      actor: Object.freeze({ ...actor, units: Object.freeze([...actor.units]) as string[] }),
      exp,
    });
    return actor;
  }

  sign(actor: AuthenticatedActor, ttlSeconds: number): Promise<string> {
    return signToken(this.secret, actor, ttlSeconds);
  }
}
