import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { canonicalJson } from '../hash-chain';

/**
 * Encryption of the personal part of events (DESIGN.md §9): AES-256-GCM from node:crypto, a data key
 * per subject (a dossier), each data key wrapped by a master key. The texts are versioned by a prefix,
 * so that a later scheme can be read beside this one:
 * - a wrapped data key: `kw1.<master key id>.<base64 of iv ‖ tag ‖ ciphertext>`;
 * - a sealed personal part: `kp1.<base64 of iv ‖ tag ‖ ciphertext>`.
 * Both bind the subject id as additional data: a text moved to another subject does not open.
 */
const ALGORITHM = 'aes-256-gcm';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const WRAPPED = 'kw1';
const SEALED = 'kp1';

/** A master key and its id: the first 16 hex digits of its SHA-256, stored beside each key it wraps. */
export interface MasterKey {
  readonly id: string;
  readonly key: Buffer;
}

/** Why a personal text or a wrapped key did not open: a wrong key, another subject, or damage. */
export class PersonalDataError extends Error {
  override readonly name = 'PersonalDataError';
}

/** The master key of 32 bytes, given as 64 hex digits or as base64 (`KETNAP_MASTER_KEY`). */
export function masterKeyOf(text: string): MasterKey {
  const trimmed = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  if (key.length !== KEY_BYTES) {
    throw new PersonalDataError(
      `a master key is ${KEY_BYTES} bytes, written as 64 hex digits or in base64 (got ${key.length} bytes)`,
    );
  }
  return { id: createHash('sha256').update(key).digest('hex').slice(0, 16), key };
}

/** A new master key, as `masterKeyOf` reads it (64 hex digits). */
export const newMasterKeyText = (): string => randomBytes(KEY_BYTES).toString('hex');

/** A new random data key for one subject. */
export const newDataKey = (): Buffer => randomBytes(KEY_BYTES);

/** The data key wrapped by the master key, for the key table. */
export function wrapDataKey(master: MasterKey, subjectId: string, dataKey: Buffer): string {
  return `${WRAPPED}.${master.id}.${encrypt(master.key, subjectId, dataKey)}`;
}

/** The id of the master key that wrapped `wrapped`. */
export function wrappingKeyId(wrapped: string): string {
  const [scheme, id] = wrapped.split('.');
  if (scheme !== WRAPPED || !id) throw new PersonalDataError('not a wrapped data key');
  return id;
}

/**
 * The data key `wrapped` holds, opened with whichever of `masters` wrapped it (the current master key
 * and, during a rotation, the one before).
 */
export function unwrapDataKey(masters: readonly MasterKey[], subjectId: string, wrapped: string): Buffer {
  const id = wrappingKeyId(wrapped);
  const master = masters.find((m) => m.id === id);
  if (!master) {
    throw new PersonalDataError(
      `the data key of ${subjectId} is wrapped by master key ${id}, which is not configured: every process of a deployment needs the same KETNAP_MASTER_KEY (and KETNAP_MASTER_KEY_PREVIOUS during a rotation)`,
    );
  }
  const opened = decrypt(master.key, subjectId, wrapped.slice(WRAPPED.length + id.length + 2));
  if (opened.length !== KEY_BYTES) throw new PersonalDataError(`the data key of ${subjectId} is damaged`);
  return unpooled(opened);
}

/**
 * The key in a buffer of its own, the shared one wiped: a small buffer (`Buffer.concat`) is a slice of
 * the thread's 8 KiB allocation pool, and a key held in the keyring's cache would keep the whole pool
 * in memory with it (10 000 cached keys, up to 80 MiB).
 */
function unpooled(key: Buffer): Buffer {
  const own = Buffer.alloc(key.length);
  key.copy(own);
  key.fill(0);
  return own;
}

/** True for a personal part as `sealPersonal` writes it. */
export const isSealedPersonal = (value: unknown): value is string =>
  typeof value === 'string' && value.startsWith(`${SEALED}.`);

/** The personal part, as canonical JSON, encrypted with the subject's data key. */
export function sealPersonal(dataKey: Buffer, subjectId: string, personal: unknown): string {
  return `${SEALED}.${encrypt(dataKey, subjectId, Buffer.from(canonicalJson(personal), 'utf8'))}`;
}

/** The personal part `sealPersonal` sealed. */
export function openPersonal(dataKey: Buffer, subjectId: string, sealed: string): unknown {
  if (!isSealedPersonal(sealed)) throw new PersonalDataError('not a sealed personal part');
  return JSON.parse(decrypt(dataKey, subjectId, sealed.slice(SEALED.length + 1)).toString('utf8')) as unknown;
}

function encrypt(key: Buffer, subjectId: string, plain: Buffer): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv);
  cipher.setAAD(Buffer.from(subjectId, 'utf8'));
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

function decrypt(key: Buffer, subjectId: string, text: string): Buffer {
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length < IV_BYTES + TAG_BYTES) throw new PersonalDataError('the encrypted text is too short');
  const decipher = createDecipheriv(ALGORITHM, key, bytes.subarray(0, IV_BYTES));
  decipher.setAAD(Buffer.from(subjectId, 'utf8'));
  decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
  } catch {
    throw new PersonalDataError(`the encrypted text of ${subjectId} does not open with this key`);
  }
}
