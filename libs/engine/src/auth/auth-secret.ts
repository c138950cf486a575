import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { ensurePrivateDir, readOrCreatePrivateFile } from '@ketnap/event-store';
import { ConfigError, type KetnapConfig } from '../config/config';

/** The file in the data dir that holds the generated secret when `AUTH_SECRET` is not set. */
export const authSecretPath = (config: Pick<KetnapConfig, 'dataDir'>): string => join(config.dataDir, 'auth-secret');

/**
 * The JWT signing secret: `AUTH_SECRET`, else the data dir's `auth-secret` file, created on first use
 * (32 random bytes as hex, mode 0600) and reused after. The server and the CLI share it this way.
 * Creation is atomic, so two processes starting together agree on one secret.
 */
export function resolveAuthSecret(config: Pick<KetnapConfig, 'authSecret' | 'dataDir'>): Uint8Array {
  if (config.authSecret) return new TextEncoder().encode(config.authSecret);
  const path = authSecretPath(config);
  ensurePrivateDir(config.dataDir);
  const secret = readOrCreatePrivateFile(path, () => randomBytes(32).toString('hex')).trim();
  if (secret.length < 32)
    throw new ConfigError(
      'AUTH_SECRET',
      `${path} holds no usable secret (fewer than 32 characters); delete it or set AUTH_SECRET`,
    );
  return new TextEncoder().encode(secret);
}
