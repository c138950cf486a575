import { createHmac, timingSafeEqual } from 'node:crypto';
import { englishOf, type KeyOfCode, type Localizable, type MessageParams } from '@ketnap/domain';
import type { AuthenticatedActor } from './authenticated-actor';
import { ROLES, isRole } from './permissions';

/** Why a token was refused; every reason is a 401. */
export type TokenFailure = 'malformed' | 'expired' | 'bad-signature' | 'invalid-claims';

/** A refused token: why (`reason`), and the catalogue message saying so (`message` is its English rendering). */
export class TokenError extends Error implements Localizable {
  override readonly name = 'TokenError';
  readonly messageKey: KeyOfCode<'UNAUTHENTICATED'>;

  constructor(
    readonly reason: TokenFailure,
    key: KeyOfCode<'UNAUTHENTICATED'>,
    readonly messageParams: MessageParams = {},
  ) {
    super(englishOf(key, messageParams));
    this.messageKey = key;
  }
}

// HS256 JWTs (RFC 7519) with node:crypto. jose 6 is ESM-only, which Jest 30 cannot load on Node 20
// without a transform of node_modules; any JWT library, jose included, mints tokens this accepts.
const encode = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
const signature = (secret: Uint8Array, signingInput: string): Buffer =>
  createHmac('sha256', secret).update(signingInput).digest();
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** The longest token lifetime accepted when the caller names none (`AUTH_MAX_TTL`'s default). */
export const DEFAULT_MAX_TOKEN_TTL_SECONDS = 30 * 86_400;

/** Tolerated difference between the minting host's clock and ours, on `exp`, `nbf` and `iat`. */
export const CLOCK_SKEW_SECONDS = 60;

/**
 * The bytes of one part, which must be canonical base64url: Buffer also decodes a part with non-zero
 * padding bits (or a stray trailing character) to the same bytes, so one token could be written in
 * several ways; re-encoding tells them apart.
 */
function bytesOf(part: string): Buffer | undefined {
  if (!BASE64URL.test(part)) return undefined;
  const bytes = Buffer.from(part, 'base64url');
  return bytes.toString('base64url') === part ? bytes : undefined;
}

function decode(part: string): Record<string, unknown> {
  const bytes = bytesOf(part);
  if (bytes === undefined) throw new TokenError('malformed', 'UNAUTHENTICATED.not-jwt');
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new TokenError('malformed', 'UNAUTHENTICATED.not-jwt');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new TokenError('malformed', 'UNAUTHENTICATED.not-jwt');
  return value as Record<string, unknown>;
}

/**
 * Mints an HS256 token with the claims of API.md: `sub`, `name`, `role`, `units`, `exp` (and `iat`).
 * No issuer or audience: any tool holding the secret can mint one.
 */
export async function signToken(
  secret: Uint8Array,
  actor: AuthenticatedActor,
  ttlSeconds: number,
  now: Date = new Date(),
): Promise<string> {
  const iat = Math.floor(now.getTime() / 1000);
  const claims = {
    sub: actor.sub,
    ...(actor.name ? { name: actor.name } : {}),
    role: actor.role,
    units: actor.units,
    iat,
    exp: iat + ttlSeconds,
  };
  const signingInput = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(claims)}`;
  return `${signingInput}.${signature(secret, signingInput).toString('base64url')}`;
}

/** The `exp` claim (seconds since the epoch) of a token signed here or already verified: read, not checked. */
export function expiryOf(token: string): number {
  return (JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as { exp: number }).exp;
}

export interface VerifyTokenOptions {
  /** Real time (default now). */
  now?: Date;
  /** Longest lifetime accepted: `AUTH_MAX_TTL` (default 30 days). */
  maxTtlSeconds?: number;
}

/**
 * Checks a token's signature (HS256 only), expiry and claims against real time (never the manual
 * clock: authentication is not a legal date), with a {@link CLOCK_SKEW_SECONDS} leeway. A token living
 * longer than `maxTtlSeconds` is refused, so a leaked one cannot stay valid for years: its lifetime is
 * `exp - iat`, or `exp - now` for a token minted without `iat` (as jose does by default).
 * @param secrets the keys a valid token may be signed with, current first (a rotated-out secret after it).
 * @throws TokenError saying why.
 */
export async function verifyToken(
  secrets: Uint8Array | readonly Uint8Array[],
  token: string,
  options: VerifyTokenOptions = {},
): Promise<AuthenticatedActor> {
  const { now = new Date(), maxTtlSeconds = DEFAULT_MAX_TOKEN_TTL_SECONDS } = options;
  const parts = token.split('.');
  if (parts.length !== 3) throw new TokenError('malformed', 'UNAUTHENTICATED.not-jwt');
  const header = decode(parts[0]);
  if (header.alg !== 'HS256') throw new TokenError('bad-signature', 'UNAUTHENTICATED.not-hs256');
  if (header.crit !== undefined) throw new TokenError('malformed', 'UNAUTHENTICATED.crit');
  const given = bytesOf(parts[2]) ?? Buffer.alloc(0);
  const keys = secrets instanceof Uint8Array ? [secrets] : secrets;
  const signed = keys.some((key) => {
    const expected = signature(key, `${parts[0]}.${parts[1]}`);
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  if (!signed) throw new TokenError('bad-signature', 'UNAUTHENTICATED.wrong-secret');
  const claims = decode(parts[1]);
  checkTimes(claims, now.getTime() / 1000, maxTtlSeconds);
  const { sub, role, units = [], name } = claims;
  if (typeof sub !== 'string' || sub === '') throw new TokenError('invalid-claims', 'UNAUTHENTICATED.no-sub');
  if (!isRole(role)) throw new TokenError('invalid-claims', 'UNAUTHENTICATED.role', { roles: [...ROLES] });
  if (!Array.isArray(units) || !units.every((u) => typeof u === 'string'))
    throw new TokenError('invalid-claims', 'UNAUTHENTICATED.units');
  if (name !== undefined && typeof name !== 'string') throw new TokenError('invalid-claims', 'UNAUTHENTICATED.name');
  return { sub, role, units, ...(name ? { name } : {}) };
}

const isTime = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

function checkTimes(claims: Record<string, unknown>, seconds: number, maxTtlSeconds: number): void {
  const { exp, nbf, iat } = claims;
  if (!isTime(exp)) throw new TokenError('invalid-claims', 'UNAUTHENTICATED.no-exp');
  if (seconds >= exp + CLOCK_SKEW_SECONDS) throw new TokenError('expired', 'UNAUTHENTICATED.expired');
  if (nbf !== undefined && (!isTime(nbf) || seconds < nbf - CLOCK_SKEW_SECONDS)) {
    throw new TokenError('invalid-claims', 'UNAUTHENTICATED.not-yet');
  }
  if (iat !== undefined && (!isTime(iat) || iat > seconds + CLOCK_SKEW_SECONDS)) {
    throw new TokenError('invalid-claims', 'UNAUTHENTICATED.future-iat');
  }
  const lifetime = exp - (isTime(iat) ? iat : seconds);
  if (lifetime > maxTtlSeconds) {
    throw new TokenError('invalid-claims', 'UNAUTHENTICATED.lifetime', {
      lifetime: String(Math.ceil(lifetime)),
      max: String(maxTtlSeconds),
    });
  }
}

/** A lifetime such as `8h`, `30m`, `7d`, `90s` or plain seconds, in seconds; `undefined` when unreadable. */
export function parseTtl(text: string): number | undefined {
  const match = /^(\d{1,9})([smhd]?)$/.exec(text.trim());
  if (!match) return undefined;
  const seconds = Number(match[1]) * { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[match[2] as '' | 's' | 'm' | 'h' | 'd'];
  return seconds > 0 ? seconds : undefined;
}
