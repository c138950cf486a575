import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { join } from 'node:path';
import { readOrCreatePrivateFile } from '@ketnap/event-store';
import type { KetnapConfig } from '../config/config';

/** The file in the data dir that holds the server's checkpoint signing key (PKCS#8 PEM). */
export const checkpointKeyPath = (config: Pick<KetnapConfig, 'dataDir'>): string =>
  join(config.dataDir, 'checkpoint-key.pem');

/** The server's Ed25519 key pair for audit checkpoints. */
export interface CheckpointKeys {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** The public key as SPKI PEM: what an auditor keeps, off the machine, to verify checkpoints with. */
  publicKeyPem: string;
}

const generatedKey = (): string =>
  generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

/**
 * The checkpoint key pair: generated into the data dir on first use (mode 0600, created atomically, so
 * the API, the worker and the CLI sign with one key) and reused after.
 * @throws Error when the file holds no Ed25519 private key
 */
export function loadCheckpointKeys(config: Pick<KetnapConfig, 'dataDir'>): CheckpointKeys {
  const path = checkpointKeyPath(config);
  const pem = readOrCreatePrivateFile(path, generatedKey);
  let privateKey: KeyObject | undefined;
  try {
    privateKey = createPrivateKey(pem);
  } catch {
    privateKey = undefined;
  }
  if (privateKey?.asymmetricKeyType !== 'ed25519') {
    throw new Error(
      `${path} holds no Ed25519 private key: restore it from a backup (checkpoints signed with it need its public key)`,
    );
  }
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKey, publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
}
