import type pg from 'pg';
import { assertAppendable } from '../envelope';
import { InvalidAppendError } from '../errors';
import type { AppendResult, EventEnvelope } from '../event-store.port';
import { canonicalJson } from '../hash-chain';
import { checkImport, importedCommands } from '../import-events';
import type { ChainLink } from '../verify';
import { quoteIdent } from './postgres.migrations';

const CHUNK = 2000;

/**
 * Copies events another store sealed, with their positions, versions, metadata and hashes as they
 * are, in one transaction; refuses (storing nothing) a batch that does not continue the log and each
 * of its streams exactly (`checkImport`). The table is locked against appends meanwhile: they would
 * take the same positions from the sequence.
 */
export async function importEnvelopes(pool: pg.Pool, schema: string, events: EventEnvelope[]): Promise<void> {
  if (events.length === 0) return;
  for (const event of events) assertAppendable(event.streamId, [event]);
  const q = quoteIdent(schema);
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(`LOCK TABLE ${q}.events IN EXCLUSIVE MODE`);
    const head = await client.query<{ p: string }>(`SELECT coalesce(max(global_position), 0) AS p FROM ${q}.events`);
    const heads = await streamHeads(client, q, events);
    checkImport(events, Number(head.rows[0].p), (streamId) => heads.get(streamId));
    for (let i = 0; i < events.length; i += CHUNK) await insertRows(client, q, events.slice(i, i + CHUNK));
    await recordCommands(client, q, events);
    await client.query(`SELECT setval(pg_get_serial_sequence($1, 'global_position'), $2)`, [
      `${q}.events`,
      events[events.length - 1].globalPosition,
    ]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    if ((error as { code?: string }).code === '23505') {
      throw new InvalidAppendError(
        `cannot import the events: ${(error as Error).message} (an event id is already stored)`,
      );
    }
    throw error;
  } finally {
    client.release();
  }
}

/** The last link of each stream the batch touches, as the target holds it. */
async function streamHeads(client: pg.ClientBase, q: string, events: EventEnvelope[]): Promise<Map<string, ChainLink>> {
  const { rows } = await client.query<{ stream_id: string; v: number; h: string }>(
    `SELECT DISTINCT ON (stream_id) stream_id, stream_version AS v, hash AS h FROM ${q}.events
     WHERE stream_id = ANY($1) ORDER BY stream_id, stream_version DESC`,
    [[...new Set(events.map((e) => e.streamId))]],
  );
  return new Map(rows.map((r) => [r.stream_id, { version: r.v, hash: r.h }]));
}

async function insertRows(client: pg.ClientBase, q: string, events: EventEnvelope[]): Promise<void> {
  await client.query(
    `INSERT INTO ${q}.events (global_position, event_id, stream_id, stream_version, type, schema_version,
                              data, metadata, recorded_at, prev_hash, hash)
     SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::int[], $5::text[], $6::int[],
                          $7::text[], $8::text[], $9::timestamptz[], $10::text[], $11::text[])`,
    [
      events.map((e) => e.globalPosition),
      events.map((e) => e.eventId),
      events.map((e) => e.streamId),
      events.map((e) => e.streamVersion),
      events.map((e) => e.type),
      events.map((e) => e.schemaVersion),
      events.map((e) => canonicalJson(e.data)),
      events.map((e) => canonicalJson(e.metadata)),
      events.map((e) => e.metadata.recordedAt),
      events.map((e) => e.prevHash),
      events.map((e) => e.hash),
    ],
  );
}

/**
 * The idempotency records of the copied appends, so that a resent command still returns its first
 * result; a command whose events a previous import began is continued.
 */
async function recordCommands(client: pg.ClientBase, q: string, events: EventEnvelope[]): Promise<void> {
  const ids = [...new Set(events.flatMap((e) => (e.metadata.commandId === undefined ? [] : [e.metadata.commandId])))];
  if (ids.length === 0) return;
  const { rows } = await client.query<{
    command_id: string;
    stream_id: string;
    next_version: number;
    positions: string[];
  }>(`SELECT command_id, stream_id, next_version, positions FROM ${q}.commands WHERE command_id = ANY($1)`, [ids]);
  const previous = new Map<string, AppendResult>(
    rows.map((r) => [
      r.command_id,
      {
        streamId: r.stream_id,
        nextExpectedVersion: r.next_version,
        positions: r.positions.map(Number),
        duplicate: false,
      },
    ]),
  );
  const commands = [...importedCommands(events, (id) => previous.get(id) ?? null)];
  await client.query(
    `INSERT INTO ${q}.commands (command_id, stream_id, next_version, positions)
     SELECT id, stream_id, next_version, ARRAY(SELECT jsonb_array_elements_text(positions)::bigint)
     FROM unnest($1::text[], $2::text[], $3::int[], $4::jsonb[]) AS u(id, stream_id, next_version, positions)
     ON CONFLICT (command_id) DO UPDATE
       SET stream_id = EXCLUDED.stream_id, next_version = EXCLUDED.next_version, positions = EXCLUDED.positions`,
    [
      commands.map(([id]) => id),
      commands.map(([, c]) => c.streamId),
      commands.map(([, c]) => c.nextExpectedVersion),
      commands.map(([, c]) => JSON.stringify(c.positions)),
    ],
  );
}
