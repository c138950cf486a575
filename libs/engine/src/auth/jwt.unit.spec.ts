import { createHmac } from 'node:crypto';
import { parseTtl, signToken, verifyToken } from './jwt';

const secret = new TextEncoder().encode('0123456789abcdef0123456789abcdef');
const actor = { sub: 'u-1', name: 'Văn phòng', role: 'office' as const, units: ['dong-tien'] };
const inFiveMinutes = () => Math.floor(Date.now() / 1000) + 300;

/** A token built by hand, as any JWT tool holding the secret would (RFC 7519, HS256 unless told). */
function handMade(claims: object, { key = secret, alg = 'HS256' }: { key?: Uint8Array; alg?: string } = {}): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const input = `${part({ alg, typ: 'JWT' })}.${part(claims)}`;
  return `${input}.${createHmac(alg === 'HS512' ? 'sha512' : 'sha256', key).update(input).digest('base64url')}`;
}

describe('tokens', () => {
  it('round-trips sub, name, role and units, and sets iat and exp from the lifetime, with no issuer or audience', async () => {
    const token = await signToken(secret, actor, 3600);
    expect(await verifyToken(secret, token)).toEqual(actor);
    const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
    expect(claims.exp - claims.iat).toBe(3600);
    expect(Object.keys(claims).sort()).toEqual(['exp', 'iat', 'name', 'role', 'sub', 'units']);
  });

  it('accepts a token made by another tool with the secret, without units or name', async () => {
    expect(await verifyToken(secret, handMade({ sub: 'script', role: 'viewer', exp: inFiveMinutes() }))).toEqual({ sub: 'script', role: 'viewer', units: [] });
  });

  it.each([
    ['expired', () => handMade({ sub: 's', role: 'viewer', exp: Math.floor(Date.now() / 1000) - 1 })],
    ['bad-signature', () => handMade({ sub: 's', role: 'viewer', exp: inFiveMinutes() }, { key: new TextEncoder().encode('another secret of 32 characters!') })],
    ['bad-signature', () => handMade({ sub: 's', role: 'viewer', exp: inFiveMinutes() }, { alg: 'HS512' })],
    ['bad-signature', () => handMade({ sub: 's', role: 'viewer', exp: inFiveMinutes() }, { alg: 'none' }).replace(/[^.]+$/, '')],
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

  it('reads lifetimes', () => {
    expect(['8h', '30m', '7d', '90s', '120'].map(parseTtl)).toEqual([28_800, 1_800, 604_800, 90, 120]);
    expect(['', '0', '8 hours', '-1h', '1w'].map(parseTtl)).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });
});
