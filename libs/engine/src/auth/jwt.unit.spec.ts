import { createHmac } from 'node:crypto';
import { loadConfig } from '../config/config';
import { parseTtl, signToken, verifyToken, type TokenError } from './jwt';
import { TokenService } from './token.service';

const secret = new TextEncoder().encode('0123456789abcdef0123456789abcdef');
const actor = { sub: 'u-1', name: 'Văn phòng', role: 'office' as const, units: ['dong-tien'] };
const inFiveMinutes = () => Math.floor(Date.now() / 1000) + 300;

/** A token built by hand, as any JWT tool holding the secret would (RFC 7519, HS256 unless told). */
function handMade(claims: object, { key = secret, alg = 'HS256' }: { key?: Uint8Array; alg?: string } = {}): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const input = `${part({ alg, typ: 'JWT' })}.${part(claims)}`;
  return `${input}.${createHmac(alg === 'HS512' ? 'sha512' : 'sha256', key)
    .update(input)
    .digest('base64url')}`;
}

/** 'accepted', or why the token was refused. */
const outcome = (verifying: Promise<unknown>): Promise<string> =>
  verifying.then(
    () => 'accepted',
    (error: TokenError) => error.reason,
  );

describe('tokens', () => {
  it('round-trips sub, name, role and units, and sets iat and exp from the lifetime, with no issuer or audience', async () => {
    const token = await signToken(secret, actor, 3600);
    expect(await verifyToken(secret, token)).toEqual(actor);
    const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
    expect(claims.exp - claims.iat).toBe(3600);
    expect(Object.keys(claims).sort()).toEqual(['exp', 'iat', 'name', 'role', 'sub', 'units']);
  });

  it('accepts a token made by another tool with the secret, without units or name', async () => {
    expect(await verifyToken(secret, handMade({ sub: 'script', role: 'viewer', exp: inFiveMinutes() }))).toEqual({
      sub: 'script',
      role: 'viewer',
      units: [],
    });
  });

  it.each([
    ['expired', () => handMade({ sub: 's', role: 'viewer', exp: Math.floor(Date.now() / 1000) - 61 })],
    [
      'bad-signature',
      () =>
        handMade(
          { sub: 's', role: 'viewer', exp: inFiveMinutes() },
          { key: new TextEncoder().encode('another secret of 32 characters!') },
        ),
    ],
    ['bad-signature', () => handMade({ sub: 's', role: 'viewer', exp: inFiveMinutes() }, { alg: 'HS512' })],
    [
      'bad-signature',
      () => handMade({ sub: 's', role: 'viewer', exp: inFiveMinutes() }, { alg: 'none' }).replace(/[^.]+$/, ''),
    ],
    ['malformed', () => 'not.a.jwt'],
    ['malformed', () => 'abc'],
    ['invalid-claims', () => handMade({ sub: 's', role: 'viewer' })],
    ['invalid-claims', () => handMade({ sub: 's', role: 'king', exp: inFiveMinutes() })],
    ['invalid-claims', () => handMade({ role: 'viewer', exp: inFiveMinutes() })],
    ['invalid-claims', () => handMade({ sub: 's', role: 'viewer', units: 'lang-gia', exp: inFiveMinutes() })],
  ])('refuses a token: %s', async (reason, mint) => {
    await expect(verifyToken(secret, mint())).rejects.toMatchObject({ name: 'TokenError', reason });
  });

  it('refuses a token whose payload was changed after signing', async () => {
    const [header, , sig] = (await signToken(secret, { ...actor, role: 'viewer' }, 60)).split('.');
    const forged = Buffer.from(JSON.stringify({ ...actor, role: 'admin', exp: inFiveMinutes() })).toString('base64url');
    await expect(verifyToken(secret, `${header}.${forged}.${sig}`)).rejects.toMatchObject({ reason: 'bad-signature' });
  });

  describe('lifetime, with a 60 s leeway for clocks that disagree', () => {
    const now = new Date('2026-03-02T08:00:00Z');
    const t = now.getTime() / 1000;
    const day = 86_400;
    const claims = { sub: 's', role: 'viewer' };
    const verify = (token: string, maxTtlSeconds?: number) =>
      outcome(verifyToken(secret, token, { now, maxTtlSeconds }));

    it('refuses a token living longer than AUTH_MAX_TTL (30 days unless configured), naming it', async () => {
      expect(await verify(await signToken(secret, actor, 30 * day, now))).toBe('accepted');
      expect(await verify(await signToken(secret, actor, 30 * day + 1, now))).toBe('invalid-claims');
      await expect(verifyToken(secret, await signToken(secret, actor, 30 * day + 1, now), { now })).rejects.toThrow(
        "the token's lifetime (2592001 s) exceeds AUTH_MAX_TTL (2592000 s)",
      );
      expect(await verify(await signToken(secret, actor, 8 * 3600 + 1, now), 8 * 3600)).toBe('invalid-claims');
      expect(await verify(handMade({ ...claims, iat: t - 40 * day, exp: t + 60 }))).toBe('invalid-claims');
    });

    it('measures a token minted without iat (as jose does) from now to exp', async () => {
      expect(await verify(handMade({ ...claims, exp: t + 29 * day }))).toBe('accepted');
      expect(await verify(handMade({ ...claims, exp: t + 31 * day }))).toBe('invalid-claims');
    });

    it('accepts exp and nbf up to 60 s off, and refuses beyond', async () => {
      expect(await verify(handMade({ ...claims, exp: t - 59 }))).toBe('accepted');
      expect(await verify(handMade({ ...claims, exp: t - 60 }))).toBe('expired');
      expect(await verify(handMade({ ...claims, nbf: t + 60, exp: t + 600 }))).toBe('accepted');
      expect(await verify(handMade({ ...claims, nbf: t + 61, exp: t + 600 }))).toBe('invalid-claims');
    });

    it('refuses a token issued in the future beyond the leeway', async () => {
      expect(await verify(handMade({ ...claims, iat: t + 60, exp: t + 600 }))).toBe('accepted');
      expect(await verify(handMade({ ...claims, iat: t + 61, exp: t + 600 }))).toBe('invalid-claims');
      expect(await verify(handMade({ ...claims, iat: 'yesterday', exp: t + 600 }))).toBe('invalid-claims');
    });
  });

  describe('one spelling per token', () => {
    /** The same bytes in another spelling: the last character's unused low bits set (Buffer ignores them). */
    const respell = (part: string): string => {
      const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
      const unusedBits = { 2: 4, 3: 2 }[(part.length % 4) as 2 | 3];
      const other = part.slice(0, -1) + alphabet[alphabet.indexOf(part.slice(-1)) | ((1 << unusedBits) - 1)];
      expect(other).not.toBe(part);
      expect(Buffer.from(other, 'base64url')).toEqual(Buffer.from(part, 'base64url'));
      return other;
    };
    const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const signed = (input: string) => `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
    const verify = (token: string) => outcome(verifyToken(secret, token));

    it('refuses a signature whose last character carries padding bits', async () => {
      const [header, payload, sig] = (await signToken(secret, actor, 600)).split('.');
      expect(await verify(`${header}.${payload}.${sig}`)).toBe('accepted');
      expect(await verify(`${header}.${payload}.${respell(sig)}`)).toBe('bad-signature');
    });

    it('refuses a header or a payload spelled another way, even when signed as spelled', async () => {
      // JSON that is not a multiple of 3 bytes long, so that its base64url ends with padding bits.
      const header = part({ alg: 'HS256', kid: 'k1' });
      const payload = part({ sub: 's', role: 'viewer', exp: inFiveMinutes(), name: 'ab' });
      expect(await verify(signed(`${header}.${payload}`))).toBe('accepted');
      expect(await verify(signed(`${respell(header)}.${payload}`))).toBe('malformed');
      expect(await verify(signed(`${header}.${respell(payload)}`))).toBe('malformed');
    });
  });

  describe('key rotation', () => {
    const [current, before] = ['the-secret-after-the-rotation-01234', 'the-secret-before-the-rotation-0123'];
    const previous = new TextEncoder().encode(before);
    const stranger = new TextEncoder().encode('a-secret-this-server-never-had-0123');

    it('accepts a token signed with the current or the previous secret, and no other', async () => {
      const verify = async (key: Uint8Array) =>
        outcome(verifyToken([secret, previous], await signToken(key, actor, 600)));
      expect([await verify(secret), await verify(previous), await verify(stranger)]).toEqual([
        'accepted',
        'accepted',
        'bad-signature',
      ]);
      expect(await outcome(verifyToken(secret, await signToken(previous, actor, 600)))).toBe('bad-signature');
    });

    it('the server signs with AUTH_SECRET only, accepts AUTH_SECRET_PREVIOUS too, and applies AUTH_MAX_TTL', async () => {
      const tokens = new TokenService(
        loadConfig({ AUTH_SECRET: current, AUTH_SECRET_PREVIOUS: before, AUTH_MAX_TTL: '1h' }),
      );
      const minted = await tokens.sign(actor, 600);
      expect(await outcome(verifyToken(new TextEncoder().encode(current), minted))).toBe('accepted');
      expect(await outcome(verifyToken(previous, minted))).toBe('bad-signature');
      expect(await outcome(tokens.verify(await signToken(previous, actor, 600)))).toBe('accepted');
      expect(await outcome(tokens.verify(await signToken(stranger, actor, 600)))).toBe('bad-signature');
      expect(await outcome(tokens.verify(await signToken(previous, actor, 3601)))).toBe('invalid-claims');
    });
  });

  it('answers a token verified before from memory until it expires, then refuses it as expired', async () => {
    const secret = 's'.repeat(32);
    const tokens = new TokenService(loadConfig({ AUTH_SECRET: secret }));
    const start = Date.now();
    jest.useFakeTimers({ now: start, doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    try {
      const token = await signToken(new TextEncoder().encode(secret), { sub: 'u', role: 'admin', units: [] }, 120);
      const first = await tokens.verify(token);
      expect(await tokens.verify(token)).toEqual(first);
      expect(Object.isFrozen(await tokens.verify(token))).toBe(true);
      jest.setSystemTime(start + 181_000);
      await expect(tokens.verify(token)).rejects.toMatchObject({ reason: 'expired' });
    } finally {
      jest.useRealTimers();
    }
  });

  it('reads lifetimes', () => {
    expect(['8h', '30m', '7d', '90s', '120'].map(parseTtl)).toEqual([28_800, 1_800, 604_800, 90, 120]);
    expect(['', '0', '8 hours', '-1h', '1w'].map(parseTtl)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });
});
