import type { LocalDate, Stage } from '@ketnap/domain';
import type { ProjectionDatabase } from '../../sqlite/projection-database';
import { searchWordsOf } from '../search-key';
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
  candidate: { fullName: string };
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
  full_name: string;
  nominated_on: string;
  last_step_on: string;
  decided_on: string | null;
  version: number;
  position: number;
}

const STAGE_ON = `CASE WHEN stage = 'probation' AND probation_ends_on < @today THEN 'recognition-review' ELSE stage END`;

/** A page of dossiers, newest nomination first; `nextCursor` continues after the last item (keyset). */
export function listDossiers(
  pdb: ProjectionDatabase,
  filter: DossierListFilter,
): { items: DossierSummary[]; nextCursor: string | null } {
  const where: string[] = [];
  const params: Record<string, unknown> = { today: filter.today, limit: filter.limit + 1 };
  const when = (condition: string, name: string, value: unknown) => {
    params[name] = value;
    where.push(condition);
  };
  const inList = (column: string, name: string, values: readonly string[]) =>
    when(`${column} IN (SELECT value FROM json_each(@${name}))`, name, JSON.stringify(values));
  if (filter.branchId !== undefined) when('branch_id = @branchId', 'branchId', filter.branchId);
  if (filter.stage !== undefined) when(`${STAGE_ON} = @stage`, 'stage', filter.stage);
  if (filter.branchIds) inList('branch_id', 'branchIds', filter.branchIds);
  if (filter.nominatedBy) inList('nominated_by', 'nominatedBy', filter.nominatedBy);
  if (filter.dossierIds) inList('dossier_id', 'dossierIds', filter.dossierIds);
  // Folded words hold letters and digits only, so no LIKE wildcard can reach the pattern.
  searchWordsOf(filter.q ?? '').forEach((word, i) => when(`search_key LIKE @w${i}`, `w${i}`, `% ${word}%`));
  if (filter.cursor !== undefined) {
    const [afterOn, afterId] = decodeCursor(filter.cursor);
    when('(nominated_on, dossier_id) < (@afterOn, @afterId)', 'afterOn', afterOn);
    params.afterId = afterId;
  }
  const sql = `SELECT dossier_id, branch_id, nominated_by, ${STAGE_ON} AS stage, full_name, nominated_on, last_step_on, decided_on, version, position
    FROM ${pdb.tables(DOSSIER_LIST)('dossiers')} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY nominated_on DESC, dossier_id DESC LIMIT @limit`;
  const rows = pdb.db.prepare(sql).all(params) as Row[];
  const page = rows.slice(0, filter.limit);
  const last = page.at(-1);
  return {
    items: page.map(toSummary),
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

function toSummary(r: Row): DossierSummary {
  return {
    id: r.dossier_id,
    branchId: r.branch_id,
    nominatedBy: r.nominated_by,
    stage: r.stage,
    candidate: { fullName: r.full_name },
    nominatedOn: r.nominated_on,
    lastStepOn: r.last_step_on,
    ...(r.decided_on !== null && { decidedOn: r.decided_on }),
    version: r.version,
    position: r.position,
  };
}
