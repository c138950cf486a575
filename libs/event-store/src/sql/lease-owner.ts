import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';

const OWNER = /^[a-z-]+@(.+)#(\d+)#[0-9a-f]+$/;

/** A lease owner id that names its process: `<kind>@<host>#<pid>#<random>`. */
export function leaseOwner(kind: string): string {
  return `${kind}@${hostname()}#${process.pid}#${randomUUID().slice(0, 8)}`;
}

/**
 * True when the owner is a process of this host that no longer runs (killed with SIGKILL, say): its
 * lease can be taken at once instead of when it expires. Owners of other hosts, or ids in another
 * form, are never judged abandoned.
 */
export function isAbandoned(owner: string): boolean {
  const match = OWNER.exec(owner);
  if (!match || match[1] !== hostname()) return false;
  const pid = Number(match[2]);
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
