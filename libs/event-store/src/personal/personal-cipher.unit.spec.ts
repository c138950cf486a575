import {
  PersonalDataError,
  isSealedPersonal,
  masterKeyOf,
  newDataKey,
  newMasterKeyText,
  openPersonal,
  sealPersonal,
  unwrapDataKey,
  wrapDataKey,
  wrappingKeyId,
} from './personal-cipher';

describe('personal data encryption', () => {
  const master = masterKeyOf(newMasterKeyText());
  const personal = { fullName: 'Nguyễn Văn Đức', birthDate: '1998-04-12', helpers: [{ name: 'Lê Thị Hoa' }] };

  it('seals a personal part that opens again with the same key and subject, and shows nothing of it', () => {
    const key = newDataKey();
    const sealed = sealPersonal(key, 'dossier-1', personal);
    expect(isSealedPersonal(sealed)).toBe(true);
    expect(sealed).toMatch(/^kp1\.[A-Za-z0-9+/=]+$/);
    expect(sealed).not.toContain('Nguy');
    expect(Buffer.from(sealed.slice(4), 'base64').toString('latin1')).not.toContain('1998');
    expect(openPersonal(key, 'dossier-1', sealed)).toEqual(personal);
    // A fresh nonce each time: the same value seals to another text.
    expect(sealPersonal(key, 'dossier-1', personal)).not.toBe(sealed);
  });

  it('refuses another key, another subject and a changed text', () => {
    const key = newDataKey();
    const sealed = sealPersonal(key, 'dossier-1', personal);
    expect(() => openPersonal(newDataKey(), 'dossier-1', sealed)).toThrow(PersonalDataError);
    expect(() => openPersonal(key, 'dossier-2', sealed)).toThrow(PersonalDataError);
    const bytes = Buffer.from(sealed.slice(4), 'base64');
    bytes[bytes.length - 1] ^= 1;
    expect(() => openPersonal(key, 'dossier-1', `kp1.${bytes.toString('base64')}`)).toThrow(PersonalDataError);
    expect(() => openPersonal(key, 'dossier-1', 'plain text')).toThrow(PersonalDataError);
  });

  it('wraps a data key with the master key, naming it, and opens it with that master key only', () => {
    const key = newDataKey();
    const wrapped = wrapDataKey(master, 'dossier-1', key);
    expect(wrappingKeyId(wrapped)).toBe(master.id);
    expect(unwrapDataKey([master], 'dossier-1', wrapped).equals(key)).toBe(true);
    const other = masterKeyOf(newMasterKeyText());
    expect(() => unwrapDataKey([other], 'dossier-1', wrapped)).toThrow(
      /master key [0-9a-f]{16}, which is not configured/,
    );
    expect(unwrapDataKey([other, master], 'dossier-1', wrapped).equals(key)).toBe(true);
    expect(() => unwrapDataKey([master], 'dossier-2', wrapped)).toThrow(PersonalDataError);
  });

  it('opens a data key into memory of its own, not a slice of the shared pool a cached key would pin', () => {
    const wrapped = wrapDataKey(master, 'dossier-1', newDataKey());
    const opened = unwrapDataKey([master], 'dossier-1', wrapped);
    expect(opened.byteOffset).toBe(0);
    expect(opened.buffer.byteLength).toBe(opened.length);
  });

  it('reads a master key as 64 hex digits or base64 of 32 bytes, the same key either way, and refuses another length', () => {
    const hex = newMasterKeyText();
    const fromHex = masterKeyOf(hex);
    const fromBase64 = masterKeyOf(Buffer.from(hex, 'hex').toString('base64'));
    expect(fromBase64.key.equals(fromHex.key)).toBe(true);
    expect(fromBase64.id).toBe(fromHex.id);
    expect(fromHex.id).toMatch(/^[0-9a-f]{16}$/);
    expect(() => masterKeyOf('too short')).toThrow(/32 bytes/);
    expect(() => masterKeyOf(Buffer.alloc(16).toString('base64'))).toThrow(/got 16 bytes/);
  });
});
