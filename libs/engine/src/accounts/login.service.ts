import { Inject, Injectable } from '@nestjs/common';
import { PASSWORD_MAX } from '@ketnap/domain';
import type { KetnapConfig } from '../config/config';
import { KETNAP_CONFIG } from '../config/config.token';
import { expiryOf } from '../auth/jwt';
import { TokenService } from '../auth/token.service';
import { hashPassword, verifyPassword } from './password-hash';
import { UserAccounts } from './user-accounts';

/** How long a token from a login lives (a working day), at most `AUTH_MAX_TTL`. */
export const LOGIN_TTL_SECONDS = 8 * 3600;

/** A successful login: the bearer token, when it expires, and who it stands for. */
export interface LoginResult {
  token: string;
  expiresAt: string;
  user: { username: string; name: string; role: string; units: string[] };
}

/**
 * Login with a username and a password (`POST /auth/login`): the same JWT `ketnap token` mints, its
 * subject the username. A wrong password, an unknown user and a disabled one are refused alike, and in
 * comparable time: an unknown user's password is checked against a hash of nothing.
 */
@Injectable()
export class LoginService {
  /** What an unknown user's password is checked against, hashed once at start with the same cost. */
  private readonly dummy: Promise<string> = hashPassword('ketnap: no such user');

  constructor(
    private readonly accounts: UserAccounts,
    private readonly tokens: TokenService,
    @Inject(KETNAP_CONFIG) private readonly config: KetnapConfig,
  ) {}

  /** The token of the user, or `undefined` when the username and password do not open an active account. */
  async login(username: string, password: string): Promise<LoginResult | undefined> {
    const state = await this.accounts.state(username);
    const stored = state.passwordHash ?? (await this.dummy);
    const matches = password.length <= 4 * PASSWORD_MAX && (await verifyPassword(password, stored));
    if (!matches || state.status !== 'active' || state.passwordHash === undefined) return undefined;
    const { name, role, units } = state.profile!;
    const ttl = Math.min(LOGIN_TTL_SECONDS, this.config.authMaxTtlSeconds);
    const token = await this.tokens.sign({ sub: username, name, role, units }, ttl);
    return { token, expiresAt: new Date(expiryOf(token) * 1000).toISOString(), user: { username, name, role, units } };
  }
}
