import type pg from 'pg';
import { assertAppendable } from '../envelope';
import { InvalidAppendError } from '../errors';
import type { EventEnvelope } from '../event-store.port';
import { canonicalJson } from '../hash-chain';
import { quoteIdent } from './postgres.migrations';

const CHUNK = 2000;

/**
 * Copies events another store sealed, with their positions, versions, metadata and hashes as they
 * are, in one transaction; refuses (storing nothing) a batch that does not continue the log and each
 * of its streams exactly. The table is locked against appends meanwhile: they would take the same
 * positions from the sequence.
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
    checkPositions(events, Number(head.rows[0].p));
    const streamIds = [...new Set(events.map((e) => e.streamId))];
    const heads = await client.query<{ stream_id: string; v: number }>(
      `SELECT stream_id, max(stream_version) AS v FROM ${q}.events WHERE stream_id = ANY($1) GROUP BY stream_id`,
      [streamIds],
    );
    checkStreamVersions(events, new Map(heads.rows.map((r) => [r.stream_id, r.v])));
    for (let i = 0; i < events.length; i += CHUNK) await insertRows(client, q, events.slice(i, i + CHUNK));
    await recordCommands(client, q, events);
    await client.query(`SELECT setval(pg_get_serial_sequence($1, 'global_position'), $2)`, [
      `${q}.events`,
      events[events.length - 1].globalPosition,
    ]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

function checkPositions(events: EventEnvelope[], head: number): void {
  if (events[0].globalPosition !== head + 1) {
    throw new InvalidAppendError(
      `import must continue the log at position ${head + 1}, but its first event is at ${events[0].globalPosition}`,
    );
  }
  events.forEach((event, i) => {
    if (i > 0 && event.globalPosition !== events[i - 1].globalPosition + 1) {
      throw new InvalidAppendError(
        `import positions must be consecutive: ${event.globalPosition} follows ${events[i - 1].globalPosition}`,
      );
    }
  });
}

function checkStreamVersions(events: EventEnvelope[], heads: Map<string, number>): void {
  for (const event of events) {
    const head = heads.get(event.streamId) ?? 0;
    if (event.streamVersion !== head + 1) {
      throw new InvalidAppendError(
        `import of ${event.streamId}: version ${event.streamVersion} does not follow the stream's version ${head}`,
      );
    }
    heads.set(event.streamId, event.streamVersion);
  }
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
 * The idempotency keys of the copied appends, so that a resent command still returns its first
 * result. A command whose events straddle two imports gets the second part added to its result.
 */
async function recordCommands(client: pg.ClientBase, q: string, events: EventEnvelope[]): Promise<void> {
  const commands = new Map<string, { streamId: string; nextVersion: number; positions: number[] }>();
  for (const event of events) {
    const commandId = event.metadata.commandId;
    if (commandId === undefined) continue;
    const command = commands.get(commandId) ?? { streamId: event.streamId, nextVersion: 0, positions: [] };
    command.nextVersion = Math.max(command.nextVersion, event.streamVersion);
    command.positions.push(event.globalPosition);
    commands.set(commandId, command);
  }
  if (commands.size === 0) return;
  const rows = [...commands];
  await client.query(
    `INSERT INTO ${q}.commands (command_id, stream_id, next_version, positions)
     SELECT id, stream_id, next_version, ARRAY(SELECT jsonb_array_elements_text(positions)::bigint)
     FROM unnest($1::text[], $2::text[], $3::int[], $4::jsonb[]) AS u(id, stream_id, next_version, positions)
     ON CONFLICT (command_id) DO UPDATE
       SET next_version = EXCLUDED.next_version, positions = commands.positions || EXCLUDED.positions
       WHERE commands.stream_id = EXCLUDED.stream_id`,
    [
      rows.map(([id]) => id),
      rows.map(([, c]) => c.streamId),
      rows.map(([, c]) => c.nextVersion),
      rows.map(([, c]) => JSON.stringify(c.positions)),
    ],
  );
}
