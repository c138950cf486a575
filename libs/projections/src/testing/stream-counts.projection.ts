import { UNKNOWN_EVENT, fieldOf } from '@ketnap/domain';
import type { Projection } from '../projection';

/** A small projection for the runner's own tests: events per stream, and the sum of a numeric field. */
export function streamCountsProjection(version = 1, failOn?: (type: string) => boolean): Projection {
  return {
    name: 'stream-counts',
    version,
    create: ({ sql, table }) =>
      sql.exec(
        `CREATE TABLE ${table('streams')} (stream_id TEXT PRIMARY KEY, events INTEGER NOT NULL, total INTEGER NOT NULL, last_type TEXT NOT NULL)`,
      ),
    apply: async ({ sql, table }, events) => {
      const upsert = `INSERT INTO ${table('streams')} AS s (stream_id, events, total, last_type) VALUES (?, 1, ?, ?)
         ON CONFLICT (stream_id) DO UPDATE SET events = s.events + 1, total = s.total + excluded.total, last_type = excluded.last_type`;
      for (const e of events) {
        // Its events are of made-up types, which the decoder hands over as unknown ones.
        const type = e.type === UNKNOWN_EVENT ? e.storedType : e.type;
        if (failOn?.(type)) throw new Error(`cannot apply ${type}`);
        await sql.run(upsert, [e.streamId, Number(fieldOf(e, 'n') ?? 0), type]);
      }
    },
  };
}
