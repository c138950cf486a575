import { hashPassword, verifyPassword } from './password-hash';

describe('password hashes (scrypt)', () => {
  // scrypt is slow on purpose (32 MiB and about 50 ms a hash idle; seconds on a loaded machine).
  jest.setTimeout(30_000);
  it('are salted, keep their parameters, and match only the password they were made from', async () => {
    const [first, second] = await Promise.all([hashPassword('mật khẩu của Lan'), hashPassword('mật khẩu của Lan')]);
    expect(first).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(second).not.toBe(first);
    expect(await verifyPassword('mật khẩu của Lan', first)).toBe(true);
    expect(await verifyPassword('mật khẩu của Lan', second)).toBe(true);
    expect(await verifyPassword('mật khẩu của lan', first)).toBe(false);
    // The same text typed decomposed (as some keyboards send Vietnamese) is the same password.
    expect(await verifyPassword('mật khẩu của Lan'.normalize('NFD'), first)).toBe(true);
  });

  it('match nothing when malformed or asking for an unreasonable cost', async () => {
    const [, , r, p, salt, key] = (await hashPassword('password-1')).split('$');
    for (const stored of [
      '',
      'plain',
      `scrypt$x$${r}$${p}$${salt}$${key}`,
      `scrypt$${2 ** 20}$${r}$${p}$${salt}$${key}`,
    ])
      expect(await verifyPassword('password-1', stored)).toBe(false);
  });
});
