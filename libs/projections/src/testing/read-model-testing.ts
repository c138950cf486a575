import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  decodeEvent,
  EVENT_SCHEMAS,
  eventLegalDate,
  isDossierEvent,
  schemaVersionOf,
  type DomainEventType,
} from '@ketnap/domain';
import { randomUUID } from 'node:crypto';
import {
  ColumnCipher,
  PostgresSql,
  SqliteEventStore,
  columnNames,
  tableNames,
  type EventEnvelope,
} from '@ketnap/event-store';
import { physicalTable, type Projection } from '../projection';
import { ProjectionDatabase } from '../runner/projection-database';

/** The column cipher of tests, with a fixed key: two calls seal alike, as the engine's does across restarts. */
export const testColumnCipher = (): ColumnCipher => new ColumnCipher(Buffer.alloc(32, 'ketnap test read models'));

/**
 * Envelopes of events appended one after the other to one stream, from a log position on. An event's
 * data is at the schema version this release writes (as the decider makes it), unless it says which.
 */
export function envelopesOf(
  streamId: string,
  events: ReadonlyArray<{ type: string; data: unknown; eventId?: string; schemaVersion?: number }>,
  from = { position: 0, version: 0 },
): EventEnvelope[] {
  return events.map((e, i) => {
    const schemaVersion = e.schemaVersion ?? (e.type in EVENT_SCHEMAS ? schemaVersionOf(e.type as DomainEventType) : 1);
    const decoded = decodeEvent({ type: e.type, schemaVersion, data: e.data });
    return {
      eventId: e.eventId ?? `${streamId}-e${from.version + i + 1}`,
      streamId,
      streamVersion: from.version + i + 1,
      globalPosition: from.position + i + 1,
      type: e.type,
      schemaVersion,
      data: e.data,
      metadata: {
        recordedAt: '2025-12-31T05:00:00.000Z',
        occurredOn: isDossierEvent(decoded) ? eventLegalDate(decoded) : undefined,
      },
      prevHash: '',
      hash: '',
    };
  });
}

/**
 * Where a test's read models live: SQLite (`sqlitePath`, `:memory:` by default) or, with
 * `postgresUrl`, a fresh PostgreSQL schema of a random name that `drop` removes with the connection.
 */
export interface TestProjections {
  sqlitePath?: string;
  postgresUrl?: string;
}

/** A projection database where `where` says; `drop` closes it and removes a PostgreSQL schema. */
export async function testProjectionDatabase(
  where: TestProjections = {},
): Promise<{ pdb: ProjectionDatabase; drop: () => Promise<void> }> {
  if (where.postgresUrl === undefined) {
    const pdb = await ProjectionDatabase.openSqlite(where.sqlitePath ?? ':memory:');
    return { pdb, drop: () => pdb.close() };
  }
  const sql = await PostgresSql.open({ url: where.postgresUrl, schema: `test_${randomUUID().replace(/-/g, '')}` });
  return {
    pdb: await ProjectionDatabase.open(sql),
    drop: async () => {
      await sql.dropSchema();
      await sql.close();
    },
  };
}

/** A fresh projection database (in memory, unless `where` says otherwise) with the projection's first generation active. */
export async function projectionInMemory(
  projection: Projection,
  where: TestProjections = {},
): Promise<{
  pdb: ProjectionDatabase;
  apply: (events: EventEnvelope[]) => Promise<void>;
  drop: () => Promise<void>;
}> {
  const { pdb, drop } = await testProjectionDatabase(where);
  const { generation } = await pdb.createGeneration(projection, 'active');
  return {
    pdb,
    drop,
    apply: async (events) =>
      void (await pdb.applyPage(
        projection,
        generation,
        events.map(decodeEvent),
        String(events.at(-1)?.globalPosition ?? 0),
      )),
  };
}

/** Every table of one generation, each as its rows in a stable order (to compare two generations). */
export async function dumpGeneration(
  pdb: ProjectionDatabase,
  name: string,
  generation: number,
): Promise<Record<string, unknown[]>> {
  const prefix = physicalTable(name, generation, '');
  const dump: Record<string, unknown[]> = {};
  for (const table of (await tableNames(pdb.sql)).filter((t) => t.startsWith(prefix))) {
    const columns = await columnNames(pdb.sql, table);
    dump[table.slice(prefix.length)] = await pdb.sql.all(`SELECT * FROM ${table} ORDER BY ${columns.join(', ')}`);
  }
  return dump;
}

/** Every table of the active generation of each projection. */
export async function dumpActive(
  pdb: ProjectionDatabase,
  names: readonly string[],
): Promise<Record<string, Record<string, unknown[]>>> {
  const dump: Record<string, Record<string, unknown[]>> = {};
  for (const name of names) dump[name] = await dumpGeneration(pdb, name, (await pdb.active(name))!.generation);
  return dump;
}

/**
 * A SQLite log and a projections database in a fresh temporary folder (with `postgresUrl`, the read
 * models in a fresh PostgreSQL schema); `remove` closes both and deletes the folder and the schema.
 */
export async function tempLogAndProjections(
  prefix: string,
  postgresUrl?: string,
): Promise<{
  store: SqliteEventStore;
  pdb: ProjectionDatabase;
  remove: () => Promise<void>;
}> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const store = new SqliteEventStore({ path: join(dir, 'ketnap.db') });
  const { pdb, drop } = await testProjectionDatabase({ sqlitePath: join(dir, 'projections.db'), postgresUrl });
  return {
    store,
    pdb,
    remove: async () => {
      await drop();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
