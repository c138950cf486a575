import { createCipheriv, createDecipheriv, createHmac, hkdfSync } from 'node:crypto';
import { searchWordsOf } from '@ketnap/domain';
import { PersonalDataError } from './personal-cipher';

const ALGORITHM = 'aes-256-gcm';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Values are padded to a multiple of this many bytes: "male" and "female" seal to texts of one length. */
const PAD_BYTES = 16;
const SEALED = 'kc1';
/** Hex digits of a search token: 48 bits, hex so that no LIKE wildcard (`_`, `%`) can appear in one. */
const TOKEN_HEX = 12;
/**
 * Search tokens kept by word prefix: names share few words (family names, `Thị`, `Văn`), so a rebuild
 * computes each token once instead of an HMAC per prefix of every name. Cleared when full.
 */
const TOKENS_KEPT = 8192;

/**
 * Encryption of the personal columns of the read models (DESIGN.md §9), from one key: a dossier's
 * name, birth date and the like are stored as `kc1.<base64 of iv ‖ tag ‖ ciphertext>`, and names are
 * searched through a blind index of keyed hashes.
 *
 * Sealing is deterministic (AES-256-GCM with a synthetic IV: an HMAC of the context and the value),
 * because a rebuild must write the same tables as the live read model. A nonce thus repeats only for
 * the same context and value, which seal to the same text; the context (`<dossierId>/<column>`) is
 * bound as additional data, so equal names in two dossiers give different texts and a text moved to
 * another row or column does not open. Values are padded, so a text shows only a length class.
 * The search tokens cannot depend on the dossier (a search compares them across dossiers): who holds
 * the table without the key sees which names share a word prefix and how many distinct prefixes a
 * name has, not its letters.
 *
 * Three keys are derived with HKDF from the one given: encryption, synthetic IV and search.
 */
export class ColumnCipher {
  private readonly encryptionKey: Buffer;
  private readonly ivKey: Buffer;
  private readonly searchKey: Buffer;
  private readonly tokens = new Map<string, string>();

  constructor(key: Buffer) {
    if (key.length !== KEY_BYTES) throw new PersonalDataError(`a column key is ${KEY_BYTES} bytes (got ${key.length})`);
    const derive = (use: string) => Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), `ketnap/columns/${use}`, 32));
    this.encryptionKey = derive('encryption');
    this.ivKey = derive('iv');
    this.searchKey = derive('search');
  }

  /** The value sealed for its context (`<dossierId>/<column>`); null stays null. */
  seal(context: string, value: string | null): string | null {
    if (value === null) return null;
    checkContext(context);
    const iv = createHmac('sha256', this.ivKey).update(`${context}\0${value}`, 'utf8').digest().subarray(0, IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.encryptionKey, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(padded(value)), cipher.final()]);
    return `${SEALED}.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
  }

  /** The value `seal` sealed for this context; null stays null. Throws on another key, context or a changed text. */
  open(context: string, sealed: string | null): string | null {
    if (sealed === null) return null;
    if (!sealed.startsWith(`${SEALED}.`)) throw new PersonalDataError(`${context} does not hold a sealed column value`);
    const bytes = Buffer.from(sealed.slice(SEALED.length + 1), 'base64');
    if (bytes.length < IV_BYTES + TAG_BYTES + PAD_BYTES)
      throw new PersonalDataError(`the sealed ${context} is too short`);
    const decipher = createDecipheriv(ALGORITHM, this.encryptionKey, bytes.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    try {
      return unpadded(Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]));
    } catch {
      throw new PersonalDataError(`the sealed ${context} does not open with this key: changed, moved or another key`);
    }
  }

  /**
   * The blind index of a name: a token for every prefix of every folded word (`searchWordsOf`), each
   * once, sorted, as ` t1 t2 … ` (a space before and after each), so that `LIKE '% <searchToken(w)> %'`
   * matches the names with a word beginning with `w`, diacritics and case ignored.
   */
  searchTokens(name: string): string {
    const prefixes = new Set<string>();
    for (const word of searchWordsOf(name))
      for (let end = 1; end <= word.length; end += 1) prefixes.add(word.slice(0, end));
    if (prefixes.size === 0) return '';
    return ` ${[...prefixes]
      .map((prefix) => this.token(prefix))
      .sort()
      .join(' ')} `;
  }

  /** The token of a folded query word (`searchWordsOf`), as `searchTokens` writes it. */
  searchToken(word: string): string {
    return this.token(word);
  }

  private token(prefix: string): string {
    let token = this.tokens.get(prefix);
    if (token === undefined) {
      token = createHmac('sha256', this.searchKey).update(prefix, 'utf8').digest('hex').slice(0, TOKEN_HEX);
      if (this.tokens.size >= TOKENS_KEPT) this.tokens.clear();
      this.tokens.set(prefix, token);
    }
    return token;
  }
}

/** A context holds no NUL: the IV's input `<context>\0<value>` then names one (context, value) only. */
function checkContext(context: string): void {
  if (context.includes('\0')) throw new PersonalDataError('a column context holds no NUL character');
}

/** ISO/IEC 7816-4 padding: the value's bytes, 0x80, then zeros up to a multiple of `PAD_BYTES`. */
function padded(value: string): Buffer {
  const bytes = Buffer.from(value, 'utf8');
  const out = Buffer.alloc((Math.floor(bytes.length / PAD_BYTES) + 1) * PAD_BYTES);
  bytes.copy(out);
  out[bytes.length] = 0x80;
  return out;
}

function unpadded(bytes: Buffer): string {
  let end = bytes.length - 1;
  while (end >= 0 && bytes[end] === 0) end -= 1;
  if (end < 0 || bytes[end] !== 0x80) throw new PersonalDataError('a sealed column value is badly padded');
  return bytes.subarray(0, end).toString('utf8');
}
