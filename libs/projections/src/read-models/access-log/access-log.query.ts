import type { PersonalReadKind } from '@ketnap/domain';
import type { SqlValue } from '@ketnap/event-store';
import type { ProjectionDatabase } from '../../runner/projection-database';
import { InvalidCursorError } from '../dossier-list/dossier-list.query';
import { ACCESS_LOG_PROJECTION } from './access-log.projection';

/** One read of a dossier's personal data, as `GET /audit/access` lists it. */
export interface AccessLogEntry {
  dossierId: string;
  at: string;
  username: string;
  role: string;
  what: PersonalReadKind;
}

export interface AccessLogFilter {
  /** Only the reads of this dossier; every dossier's without it. */
  dossierId?: string;
  limit: number;
  cursor?: string;
}

interface Row {
  position: number | string;
  seq: number | string;
  dossier_id: string;
  at: string;
  username: string;
  role: string;
  what: PersonalReadKind;
}

/** Queries of the access log read model. */
export class AccessLog {
  constructor(private readonly pdb: ProjectionDatabase) {}

  /**
   * A page of reads, the newest first; `nextCursor` continues after the last item (keyset).
   * @throws InvalidCursorError for a cursor this list did not hand out.
   * @throws ReadModelNotBuiltError before the read model's first build.
   */
  async list(filter: AccessLogFilter): Promise<{ items: AccessLogEntry[]; nextCursor: string | null }> {
    const where: string[] = [];
    const params: SqlValue[] = [];
    if (filter.dossierId !== undefined) {
      where.push('dossier_id = ?');
      params.push(filter.dossierId);
    }
    if (filter.cursor !== undefined) {
      where.push('(position, seq) < (?, ?)');
      params.push(...decodeCursor(filter.cursor));
    }
    params.push(filter.limit + 1);
    const table = (await this.pdb.tables(ACCESS_LOG_PROJECTION))('reads');
    const rows = await this.pdb.sql.all<Row>(
      `SELECT * FROM ${table} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY position DESC, seq DESC LIMIT ?`,
      params,
    );
    const page = rows.slice(0, filter.limit);
    const last = page.at(-1);
    return {
      items: page.map((r) => ({ dossierId: r.dossier_id, at: r.at, username: r.username, role: r.role, what: r.what })),
      nextCursor: rows.length > filter.limit && last ? encodeCursor(Number(last.position), Number(last.seq)) : null,
    };
  }

  /** The position the read model has applied the log to, or `undefined` before its first build. */
  async position(): Promise<number | undefined> {
    return (await this.pdb.active(ACCESS_LOG_PROJECTION))?.position;
  }
}

const encodeCursor = (position: number, seq: number): string => Buffer.from(`${position}.${seq}`).toString('base64url');

function decodeCursor(cursor: string): [number, number] {
  const match = /^(\d{1,15})\.(\d{1,6})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw new InvalidCursorError('the cursor is not one this list handed out');
  return [Number(match[1]), Number(match[2])];
}
