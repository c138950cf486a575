import { ACCESS_LOG_STREAM } from '@ketnap/domain';
import { insertRows, type SqlValue } from '@ketnap/event-store';
import type { Projection } from '../../projection';

export const ACCESS_LOG_PROJECTION = 'access-log';

/**
 * Who read which dossier's personal data, and when (`GET /audit/access`): one row per read, keyed by
 * the batch's global position and the read's place in it, which order the log newest first.
 */
export function accessLogProjection(): Projection {
  return {
    name: ACCESS_LOG_PROJECTION,
    version: 1,
    create: ({ sql, table }) =>
      sql.exec(`
        CREATE TABLE ${table('reads')} (
          position INTEGER NOT NULL, seq INTEGER NOT NULL, dossier_id TEXT NOT NULL, at TEXT NOT NULL,
          username TEXT NOT NULL, role TEXT NOT NULL, what TEXT NOT NULL, PRIMARY KEY (position, seq));
        CREATE INDEX ${table('reads_dossier')} ON ${table('reads')} (dossier_id, position, seq);
      `),
    apply: async ({ sql, table }, events) => {
      const rows: SqlValue[][] = [];
      for (const e of events) {
        if (e.streamId !== ACCESS_LOG_STREAM || e.type !== 'PersonalDataRead') continue;
        e.data.reads.forEach((read, seq) =>
          rows.push([e.globalPosition, seq, read.dossierId, read.at, read.username, read.role, read.what]),
        );
      }
      // A page applied again (at least once) finds its rows there already.
      await insertRows(sql, table('reads'), rows, 'ON CONFLICT DO NOTHING');
    },
  };
}
