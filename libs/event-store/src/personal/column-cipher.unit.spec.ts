import { randomBytes } from 'node:crypto';
import { ColumnCipher } from './column-cipher';
import { PersonalDataError } from './personal-cipher';

describe('column cipher of the read models', () => {
  const key = randomBytes(32);
  const cipher = new ColumnCipher(key);

  it('seals a value that opens again for its context, showing nothing of it, null staying null', () => {
    const sealed = cipher.seal('d1/full_name', 'Nguyễn Thị Đào')!;
    expect(sealed).toMatch(/^kc1\.[A-Za-z0-9+/=]+$/);
    expect(Buffer.from(sealed.slice(4), 'base64').toString('latin1')).not.toMatch(/Nguy|Đào|dao/);
    expect(cipher.open('d1/full_name', sealed)).toBe('Nguyễn Thị Đào');
    for (const value of ['', '1998-04-12', 'x'.repeat(15), 'x'.repeat(16), 'ends in nul\0'])
      expect(cipher.open('d1/c', cipher.seal('d1/c', value))).toBe(value);
    expect(cipher.seal('d1/full_name', null)).toBeNull();
    expect(cipher.open('d1/full_name', null)).toBeNull();
  });

  it('seals deterministically: the same context and value give the same text, with another cipher of the same key too', () => {
    const sealed = cipher.seal('d1/birth_date', '1998-04-12');
    expect(cipher.seal('d1/birth_date', '1998-04-12')).toBe(sealed);
    expect(new ColumnCipher(Buffer.from(key)).seal('d1/birth_date', '1998-04-12')).toBe(sealed);
    expect(cipher.seal('d1/birth_date', '1998-04-13')).not.toBe(sealed);
  });

  it('gives another text for another context, and texts of one length for values of one length class', () => {
    const [a, b] = ['d1/full_name', 'd2/full_name'].map((c) => cipher.seal(c, 'Nguyễn Thị Đào'));
    expect(a).not.toBe(b);
    expect(cipher.seal('d1/gender', 'male')!.length).toBe(cipher.seal('d1/gender', 'female')!.length);
  });

  it('refuses another context, another key, a changed text and a text it did not seal', () => {
    const sealed = cipher.seal('d1/full_name', 'Nguyễn Thị Đào')!;
    expect(() => cipher.open('d2/full_name', sealed)).toThrow(PersonalDataError);
    expect(() => cipher.open('d1/search', sealed)).toThrow('does not open with this key');
    expect(() => new ColumnCipher(randomBytes(32)).open('d1/full_name', sealed)).toThrow(PersonalDataError);
    const bytes = Buffer.from(sealed.slice(4), 'base64');
    bytes[bytes.length - 1] ^= 1;
    expect(() => cipher.open('d1/full_name', `kc1.${bytes.toString('base64')}`)).toThrow(PersonalDataError);
    expect(() => cipher.open('d1/full_name', 'Nguyễn Thị Đào')).toThrow('does not hold a sealed column value');
    expect(() => cipher.open('d1/full_name', 'kc1.AAAA')).toThrow('too short');
  });

  it('refuses a key of another length and a context with NUL', () => {
    expect(() => new ColumnCipher(randomBytes(16))).toThrow('a column key is 32 bytes (got 16)');
    expect(() => cipher.seal('d1\0x', 'a')).toThrow(PersonalDataError);
  });

  describe('blind index of names', () => {
    const tokens = cipher.searchTokens('Nguyễn Thị Đào');
    const finds = (index: string, query: string) => index.includes(` ${cipher.searchToken(query)} `);

    it('holds 12 hex digits per word prefix, each once, between spaces, and nothing of the name', () => {
      expect(tokens).toMatch(/^( [0-9a-f]{12})+ $/);
      // nguyen (6) + thi (3) + dao (3) prefixes.
      expect(tokens.trim().split(' ')).toHaveLength(12);
      expect(cipher.searchTokens('An An')).toBe(cipher.searchTokens('an'));
      expect(cipher.searchTokens(' - ')).toBe('');
    });

    it('matches every prefix of every folded word, and no other word', () => {
      for (const query of ['n', 'ng', 'nguyen', 'thi', 't', 'd', 'da', 'dao'])
        expect([query, finds(tokens, query)]).toEqual([query, true]);
      for (const query of ['ao', 'guyen', 'nguyenx', 'thin', 'Đào', 'van'])
        expect([query, finds(tokens, query)]).toEqual([query, false]);
    });

    it('depends on the key: another key gives other tokens', () => {
      expect(new ColumnCipher(randomBytes(32)).searchTokens('Nguyễn Thị Đào')).not.toBe(tokens);
      expect(new ColumnCipher(Buffer.from(key)).searchTokens('Nguyễn Thị Đào')).toBe(tokens);
    });
  });
});
