import { UNKNOWN_EVENT, fieldOf } from '@ketnap/domain';
import type { SqliteProjection } from '../projection';

/** A small projection for the runner's own tests: events per stream, and the sum of a numeric field. */
export function streamCountsProjection(version = 1, failOn?: (type: string) => boolean): SqliteProjection {
  return {
    name: 'stream-counts',
    version,
    create: ({ db, table }) => {
      db.exec(
        `CREATE TABLE ${table('streams')} (stream_id TEXT PRIMARY KEY, events INTEGER NOT NULL, total INTEGER NOT NULL, last_type TEXT NOT NULL)`,
      );
    },
    apply: ({ prepare, table }, events) => {
      const upsert = prepare(
        `INSERT INTO ${table('streams')} (stream_id, events, total, last_type) VALUES (?, 1, ?, ?)
         ON CONFLICT (stream_id) DO UPDATE SET events = events + 1, total = total + excluded.total, last_type = excluded.last_type`,
      );
      for (const e of events) {
        // Its events are of made-up types, which the decoder hands over as unknown ones.
        const type = e.type === UNKNOWN_EVENT ? e.storedType : e.type;
        if (failOn?.(type)) throw new Error(`cannot apply ${type}`);
        upsert.run(e.streamId, Number(fieldOf(e, 'n') ?? 0), type);
      }
    },
  };
}
