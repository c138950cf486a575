import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  existsSync,
  fchmodSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, resolve } from 'node:path';

/** Mode of the folders ketnap creates for its files: the data holds personal data, so its owner only. */
export const PRIVATE_DIR_MODE = 0o700;
/** Mode of the files ketnap creates: databases, secrets. */
export const PRIVATE_FILE_MODE = 0o600;

/**
 * Creates `dir` and its missing parents with mode 0700. A folder that already exists is left as it is: an
 * operator may have given it a group on purpose. The mode is set explicitly, not left to the umask.
 */
export function ensurePrivateDir(dir: string): void {
  const target = resolve(dir);
  const firstCreated = mkdirSync(target, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (firstCreated === undefined) return;
  for (let created = target; ; created = dirname(created)) {
    chmodSync(created, PRIVATE_DIR_MODE);
    if (created === resolve(firstCreated) || created === dirname(created)) return;
  }
}

/**
 * Creates `path` empty with mode 0600 (and its folder as {@link ensurePrivateDir} does) unless it exists.
 * Called before SQLite opens a database file: SQLite gives the `-wal`, `-shm` and journal files it creates
 * the database file's mode, so they are private too. An existing file keeps its mode.
 */
export function ensurePrivateFile(path: string): void {
  ensurePrivateDir(dirname(path));
  let fd: number;
  try {
    fd = openSync(path, 'wx', PRIVATE_FILE_MODE);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return;
    throw error;
  }
  try {
    fchmodSync(fd, PRIVATE_FILE_MODE);
  } finally {
    closeSync(fd);
  }
}

/**
 * The text of the private file at `path`, written from `contents()` first when the file does not exist
 * (its folder created 0700 when missing). The file appears whole, with mode 0600: it is written aside
 * and hard-linked into place, and a file already there wins, so two processes creating it together
 * read the same text (one secret, one key, one checkpoint per name).
 */
export function readOrCreatePrivateFile(path: string, contents: () => string): string {
  if (!existsSync(path)) {
    ensurePrivateDir(dirname(path));
    const draft = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
    writeFileSync(draft, contents(), { mode: PRIVATE_FILE_MODE, flag: 'wx' });
    try {
      linkSync(draft, path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      unlinkSync(draft);
    }
  }
  return readFileSync(path, 'utf8');
}
