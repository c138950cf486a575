import type pg from 'pg';
import type { SealedEvent } from '../envelope';
import { quoteIdent } from './postgres.migrations';

/** What the `append_events` function did with one sealed append. */
export type AppendOutcome =
  | { outcome: 'appended'; streamId: string; version: number; hash: string; positions: number[] }
  | { outcome: 'duplicate'; streamId: string; version: number; positions: number[]; recordedAt: string | null }
  /** The stream's head was not what the events were sealed against: nothing was written. */
  | { outcome: 'conflict'; streamId: string; version: number | null; hash: string | null };

interface OutcomeRow {
  outcome: AppendOutcome['outcome'];
  result_stream: string;
  result_version: number | null;
  result_hash: string | null;
  result_positions: string[] | null;
  result_recorded_at: string | null;
}

/**
 * Stores events sealed against a stream head of `headVersion` (the first event's `prevHash` is that
 * head's hash) in one statement. Runs in the caller's transaction when `db` is a client inside one:
 * tests hold such a transaction open to commit an append late. Internal to the PostgreSQL adapter.
 */
export async function appendSealed(
  db: pg.Pool | pg.ClientBase,
  schema: string,
  headVersion: number,
  sealed: SealedEvent[],
  commandId: string | undefined,
  recordedAt: string,
): Promise<AppendOutcome> {
  if (sealed.length === 1) return appendOne(db, schema, headVersion, sealed[0], commandId, recordedAt);
  if (sealed.length <= MAX_PLAIN_BATCH) return appendPlain(db, schema, headVersion, sealed, commandId, recordedAt);
  const { rows } = await db.query<OutcomeRow>({
    name: `ketnap-append-${schema}`,
    text: `SELECT * FROM ${quoteIdent(schema)}.append_events($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    values: [
      sealed[0].streamId,
      headVersion,
      commandId ?? null,
      recordedAt,
      sealed.map((e) => e.eventId),
      sealed.map((e) => e.type),
      sealed.map((e) => e.schemaVersion),
      sealed.map((e) => e.dataJson),
      sealed.map((e) => e.metadataJson),
      sealed.map((e) => e.prevHash),
      sealed.map((e) => e.hash),
    ],
  });
  return toOutcome(rows[0]);
}

/**
 * Batches up to this many events are sent as plain parameters that the call gathers into the arrays
 * of `append_events` (`ARRAY[$5, $6, …]`, a statement prepared per batch size): neither `pg` nor the
 * server writes or parses array literals of escaped JSON. Longer batches, rare, go as array literals,
 * so that a connection prepares at most this many such statements.
 */
const MAX_PLAIN_BATCH = 32;

/** The `append_events` call for a batch of `n` events given as plain parameters, by schema and size. */
const plainCalls = new Map<string, string>();

function plainCall(schema: string, n: number): string {
  const key = `${n}:${schema}`;
  let text = plainCalls.get(key);
  if (text === undefined) {
    const arrays = ['text', 'text', 'integer', 'text', 'text', 'text', 'text'].map((type, a) => {
      const params = Array.from({ length: n }, (_, k) => `$${5 + a * n + k}`);
      return `ARRAY[${params.join(', ')}]::${type}[]`;
    });
    text = `SELECT * FROM ${quoteIdent(schema)}.append_events($1, $2, $3, $4, ${arrays.join(', ')})`;
    plainCalls.set(key, text);
  }
  return text;
}

/** A batch of up to {@link MAX_PLAIN_BATCH} events as plain parameters ({@link plainCall}). */
const appendPlain: typeof appendSealed = async (db, schema, headVersion, sealed, commandId, recordedAt) => {
  const n = sealed.length;
  const values = new Array<unknown>(4 + 7 * n);
  values[0] = sealed[0].streamId;
  values[1] = headVersion;
  values[2] = commandId ?? null;
  values[3] = recordedAt;
  for (let k = 0; k < n; k += 1) {
    const e = sealed[k];
    values[4 + k] = e.eventId;
    values[4 + n + k] = e.type;
    values[4 + 2 * n + k] = e.schemaVersion;
    values[4 + 3 * n + k] = e.dataJson;
    values[4 + 4 * n + k] = e.metadataJson;
    values[4 + 5 * n + k] = e.prevHash;
    values[4 + 6 * n + k] = e.hash;
  }
  const { rows } = await db.query<OutcomeRow>({
    name: `ketnap-append-plain${n}-${schema}`,
    text: plainCall(schema, n),
    values,
  });
  return toOutcome(rows[0]);
};

/** One event: `append_event` (migration 6), the same as `append_events` with scalars, no arrays. */
async function appendOne(
  db: pg.Pool | pg.ClientBase,
  schema: string,
  headVersion: number,
  event: SealedEvent,
  commandId: string | undefined,
  recordedAt: string,
): Promise<AppendOutcome> {
  const { rows } = await db.query<OutcomeRow>({
    name: `ketnap-append-one-${schema}`,
    text: `SELECT * FROM ${quoteIdent(schema)}.append_event($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    values: [
      event.streamId,
      headVersion,
      commandId ?? null,
      recordedAt,
      event.eventId,
      event.type,
      event.schemaVersion,
      event.dataJson,
      event.metadataJson,
      event.prevHash,
      event.hash,
    ],
  });
  return toOutcome(rows[0]);
}

/** One append of a group: events sealed against a head of `headVersion`. */
export interface SealedAppend {
  headVersion: number;
  sealed: SealedEvent[];
  commandId: string | undefined;
  recordedAt: string;
}

/**
 * Stores several appends in one call and one transaction (`append_event_groups`, migration 5): each
 * has its own outcome, in the order given, as if each had been sent alone one after the other.
 */
export async function appendSealedGroup(
  db: pg.Pool | pg.ClientBase,
  schema: string,
  appends: SealedAppend[],
): Promise<AppendOutcome[]> {
  const events = appends.flatMap((a) => a.sealed);
  const { rows } = await db.query<OutcomeRow>({
    name: `ketnap-append-group-${schema}`,
    text: `SELECT * FROM ${quoteIdent(schema)}.append_event_groups($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    values: [
      appends.map((a) => a.sealed[0].streamId),
      appends.map((a) => a.headVersion),
      appends.map((a) => a.commandId ?? null),
      appends.map((a) => a.recordedAt),
      appends.map((a) => a.sealed.length),
      events.map((e) => e.eventId),
      events.map((e) => e.type),
      events.map((e) => e.schemaVersion),
      events.map((e) => e.dataJson),
      events.map((e) => e.metadataJson),
      events.map((e) => e.prevHash),
      events.map((e) => e.hash),
    ],
  });
  if (rows.length !== appends.length) {
    throw new Error(`append_event_groups answered ${rows.length} outcomes for ${appends.length} appends`);
  }
  return rows.map(toOutcome);
}

function toOutcome(row: OutcomeRow): AppendOutcome {
  const positions = (row.result_positions ?? []).map(Number);
  switch (row.outcome) {
    case 'appended':
      return {
        outcome: 'appended',
        streamId: row.result_stream,
        version: row.result_version as number,
        hash: row.result_hash as string,
        positions,
      };
    case 'duplicate':
      return {
        outcome: 'duplicate',
        streamId: row.result_stream,
        version: row.result_version as number,
        positions,
        recordedAt: row.result_recorded_at,
      };
    case 'conflict':
      return { outcome: 'conflict', streamId: row.result_stream, version: row.result_version, hash: row.result_hash };
    default: {
      const never: never = row.outcome;
      throw new Error(`append_events answered an unknown outcome ${String(never)}`);
    }
  }
}
