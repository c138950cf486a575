import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeEvent, eventLegalDate, isDossierEvent } from '@ketnap/domain';
import { SqliteEventStore, type EventEnvelope } from '@ketnap/event-store';
import { physicalTable, type SqliteProjection } from '../projection';
import { ProjectionDatabase } from '../sqlite/projection-database';

/** Envelopes of events appended one after the other to one stream, from a log position on. */
export function envelopesOf(
  streamId: string,
  events: ReadonlyArray<{ type: string; data: unknown; eventId?: string }>,
  from = { position: 0, version: 0 },
): EventEnvelope[] {
  return events.map((e, i) => {
    const decoded = decodeEvent({ type: e.type, schemaVersion: 1, data: e.data });
    return {
      eventId: e.eventId ?? `${streamId}-e${from.version + i + 1}`,
      streamId,
      streamVersion: from.version + i + 1,
      globalPosition: from.position + i + 1,
      type: e.type,
      schemaVersion: 1,
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

/** A fresh in-memory projection database with the projection's first generation active. */
export function projectionInMemory(projection: SqliteProjection): {
  pdb: ProjectionDatabase;
  apply: (events: EventEnvelope[]) => void;
} {
  const pdb = new ProjectionDatabase(':memory:');
  const { generation } = pdb.createGeneration(projection, 'active');
  return {
    pdb,
    apply: (events) =>
      void pdb.applyPage(projection, generation, events.map(decodeEvent), String(events.at(-1)?.globalPosition ?? 0)),
  };
}

/** Every table of one generation, each as its rows in a stable order (to compare two generations). */
export function dumpGeneration(pdb: ProjectionDatabase, name: string, generation: number): Record<string, unknown[]> {
  const prefix = physicalTable(name, generation, '');
  const tables = pdb.db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND substr(name, 1, ?) = ? ORDER BY name")
    .all(prefix.length, prefix) as Array<{ name: string }>;
  return Object.fromEntries(
    tables.map(({ name: table }) => {
      const columns = (pdb.db.prepare(`PRAGMA table_info("${table}")`).all() as Array<{ name: string }>).map(
        (c) => `"${c.name}"`,
      );
      return [
        table.slice(prefix.length),
        pdb.db.prepare(`SELECT * FROM "${table}" ORDER BY ${columns.join(', ')}`).all(),
      ];
    }),
  );
}

/** Every table of the active generation of each projection. */
export function dumpActive(
  pdb: ProjectionDatabase,
  names: readonly string[],
): Record<string, Record<string, unknown[]>> {
  return Object.fromEntries(names.map((name) => [name, dumpGeneration(pdb, name, pdb.active(name)!.generation)]));
}

/** A SQLite log and a projections database in a fresh temporary folder; `remove` closes both and deletes the folder. */
export function tempLogAndProjections(prefix: string): {
  store: SqliteEventStore;
  pdb: ProjectionDatabase;
  remove: () => Promise<void>;
} {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const store = new SqliteEventStore({ path: join(dir, 'ketnap.db') });
  const pdb = new ProjectionDatabase(join(dir, 'projections.db'));
  return {
    store,
    pdb,
    remove: async () => {
      pdb.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
