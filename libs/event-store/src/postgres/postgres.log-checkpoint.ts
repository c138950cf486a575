import { LOG_START, type LogCheckpoint } from '../event-store.port';

/**
 * A place in the PostgreSQL log: the transaction id and global position of the last event read. The
 * log is read in `(transaction_id, global_position)` order, which is not always the order of positions.
 */
export interface PgLogPlace {
  /** xid8 as decimal text (it may pass 2^53). */
  transactionId: string;
  globalPosition: number;
}

const START: PgLogPlace = { transactionId: '0', globalPosition: 0 };
const FORMAT = /^pg:(\d{1,20}):(\d{1,16})$/;

export function encodePgCheckpoint(place: PgLogPlace): LogCheckpoint {
  return `pg:${place.transactionId}:${place.globalPosition}`;
}

export function decodePgCheckpoint(checkpoint: LogCheckpoint): PgLogPlace {
  if (checkpoint === LOG_START) return START;
  const match = FORMAT.exec(checkpoint);
  if (!match) {
    throw new RangeError(
      `not a PostgreSQL log checkpoint: ${JSON.stringify(checkpoint)} (expected 'pg:<xid>:<position>')`,
    );
  }
  return { transactionId: match[1], globalPosition: Number(match[2]) };
}

/** Orders two checkpoints as the log is read: by transaction id, then by position within it. */
export function comparePgCheckpoints(a: LogCheckpoint, b: LogCheckpoint): number {
  const x = decodePgCheckpoint(a);
  const y = decodePgCheckpoint(b);
  const byTransaction = BigInt(x.transactionId) - BigInt(y.transactionId);
  if (byTransaction !== 0n) return byTransaction < 0n ? -1 : 1;
  return Math.sign(x.globalPosition - y.globalPosition);
}
