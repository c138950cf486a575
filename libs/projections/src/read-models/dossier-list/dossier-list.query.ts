import { searchWordsOf, type LocalDate, type Stage } from '@ketnap/domain';
import { placeholders, type ColumnCipher, type SqlValue } from '@ketnap/event-store';
import type { ProjectionDatabase } from '../../runner/projection-database';
import { DOSSIER_LIST } from './dossier-list.projection';

export interface DossierListFilter {
  /** Legal date of today: a dossier in probation past its end is in `recognition-review` (`stageOn`). */
  today: LocalDate;
  branchId?: string;
  stage?: Stage;
  /** Words of the candidate's name, diacritics ignored: each must begin a word of the name. */
  q?: string;
  /** Only dossiers of these branches (the reader's scope). */
  branchIds?: readonly string[];
  /** Only dossiers nominated by these units (a mass organisation's scope). */
  nominatedBy?: readonly string[];
  /** Only these dossiers (e.g. the overdue ones). */
  dossierIds?: readonly string[];
  limit: number;
  cursor?: string;
}

export interface DossierSummary {
  id: string;
  branchId: string;
  nominatedBy: string;
  stage: Stage;
  /** The name is null once the candidate's personal data was erased. */
  candidate: { fullName: string | null };
  nominatedOn: LocalDate;
  lastStepOn: LocalDate;
  decidedOn?: LocalDate;
  version: number;
  /** Global position of the dossier's last event in the list. */
  position: number;
}

interface Row {
  dossier_id: string;
  branch_id: string;
  nominated_by: string;
  stage: Stage;
  full_name: string | null;
  nominated_on: string;
  last_step_on: string;
  decided_on: string | null;
  version: number;
  position: number;
}

const STAGE_ON = `CASE WHEN stage = 'probation' AND probation_ends_on < ? THEN 'recognition-review' ELSE stage END`;

/**
 * A page of dossiers, newest nomination first; `nextCursor` continues after the last item (keyset).
 * `cipher`: the one the projection sealed the names with.
 */
export async function listDossiers(
  pdb: ProjectionDatabase,
  cipher: ColumnCipher,
  filter: DossierListFilter,
): Promise<{ items: DossierSummary[]; nextCursor: string | null }> {
  const where: string[] = [];
  const params: SqlValue[] = [filter.today];
  const when = (condition: string, ...values: SqlValue[]) => {
    where.push(condition);
    params.push(...values);
  };
  const inList = (column: string, values: readonly string[]) =>
    when(`${column} IN (${placeholders(values.length)})`, ...values);
  if (filter.branchId !== undefined) when('branch_id = ?', filter.branchId);
  if (filter.stage !== undefined) when(`${STAGE_ON} = ?`, filter.today, filter.stage);
  if (filter.branchIds) inList('branch_id', filter.branchIds);
  if (filter.nominatedBy) inList('nominated_by', filter.nominatedBy);
  if (filter.dossierIds) inList('dossier_id', filter.dossierIds);
  // A word's token begins a word of the name when it is one of the name's tokens (prefixes included);
  // tokens are hex digits, so no LIKE wildcard can reach the pattern.
  for (const word of searchWordsOf(filter.q ?? '')) when('search_key LIKE ?', `% ${cipher.searchToken(word)} %`);
  if (filter.cursor !== undefined) when('(nominated_on, dossier_id) < (?, ?)', ...decodeCursor(filter.cursor));
  params.push(filter.limit + 1);
  const sql = `SELECT dossier_id, branch_id, nominated_by, ${STAGE_ON} AS stage, full_name, nominated_on, last_step_on, decided_on, version, position
    FROM ${(await pdb.tables(DOSSIER_LIST))('dossiers')} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY nominated_on DESC, dossier_id DESC LIMIT ?`;
  const rows = await pdb.sql.all<Row>(sql, params);
  const page = rows.slice(0, filter.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => toSummary(r, cipher)),
    nextCursor: rows.length > filter.limit && last ? encodeCursor(last.nominated_on, last.dossier_id) : null,
  };
}

/** Thrown for a cursor this list did not hand out. */
export class InvalidCursorError extends Error {
  override readonly name = 'InvalidCursorError';
}

const encodeCursor = (on: string, id: string): string => Buffer.from(JSON.stringify([on, id])).toString('base64url');

function decodeCursor(cursor: string): [string, string] {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'string'))
      return value as [string, string];
  } catch {
    // not base64url JSON: reported below
  }
  throw new InvalidCursorError('the cursor is not one this list handed out');
}

function toSummary(r: Row, cipher: ColumnCipher): DossierSummary {
  return {
    id: r.dossier_id,
    branchId: r.branch_id,
    nominatedBy: r.nominated_by,
    stage: r.stage,
    candidate: { fullName: cipher.open(`${r.dossier_id}/full_name`, r.full_name) },
    nominatedOn: r.nominated_on,
    lastStepOn: r.last_step_on,
    ...(r.decided_on !== null && { decidedOn: r.decided_on }),
    version: r.version,
    position: r.position,
  };
}
