import type { LocalDate, Plan } from '@ketnap/domain';
import { placeholders } from '@ketnap/event-store';
import type { ProjectionDatabase } from '../../runner/projection-database';
import { QUOTA, branchHeldOn } from './quota.projection';
import type { QuotaFacts, QuotaUnitInfo } from './quota-report';

/**
 * The plan of a committee's year as last adopted, or `undefined`; without `committeeId`, the year's
 * plan of a single-committee deployment (the first by committee id, should there be several).
 */
export async function planOf(pdb: ProjectionDatabase, year: number, committeeId?: string): Promise<Plan | undefined> {
  const plans = (await pdb.tables(QUOTA))('plans');
  const row =
    committeeId === undefined
      ? await pdb.sql.get<{ plan: string }>(`SELECT plan FROM ${plans} WHERE year = ? ORDER BY committee_id LIMIT 1`, [
          year,
        ])
      : await pdb.sql.get<{ plan: string }>(`SELECT plan FROM ${plans} WHERE year = ? AND committee_id = ?`, [
          year,
          committeeId,
        ]);
  return row ? (JSON.parse(row.plan) as Plan) : undefined;
}

/** Every adopted plan: its committee and year, in order of year then committee. */
export async function planKeys(pdb: ProjectionDatabase): Promise<Array<{ committeeId: string; year: number }>> {
  const rows = await pdb.sql.all<{ committee_id: string; year: number }>(
    `SELECT committee_id, year FROM ${(await pdb.tables(QUOTA))('plans')} ORDER BY year, committee_id`,
  );
  return rows.map((r) => ({ committeeId: r.committee_id, year: r.year }));
}

/** The unit catalog as the quota read model knows it. */
export async function quotaUnits(pdb: ProjectionDatabase): Promise<Map<string, QuotaUnitInfo>> {
  const rows = await pdb.sql.all<{
    unit_id: string;
    name: string;
    kind: QuotaUnitInfo['kind'];
    block: QuotaUnitInfo['block'] | null;
  }>(`SELECT unit_id, name, kind, block FROM ${(await pdb.tables(QUOTA))('units')}`);
  return new Map(
    rows.map((r) => [r.unit_id, { unitId: r.unit_id, name: r.name, kind: r.kind, ...(r.block && { block: r.block }) }]),
  );
}

/** Above this many units, {@link quotaFacts} reads every dossier of the year rather than list them in its query. */
const LISTED_UNITS = 5_000;

/**
 * The facts of the dossiers nominated or decided in `year`, as they stand now. With `units`, at least
 * those of the dossiers whose branch or nominating unit is one of them, and every transferred one (its
 * branch at the decision may be one of them): a committee's report reads its share, not the country's.
 */
export async function quotaFacts(
  pdb: ProjectionDatabase,
  year: number,
  units?: readonly string[],
): Promise<QuotaFacts[]> {
  const [from, to] = [`${year}-01-01`, `${year}-12-31`];
  const listed = units !== undefined && units.length <= LISTED_UNITS ? units : undefined;
  const ofUnits =
    listed === undefined
      ? ''
      : `AND (branch_id IN (${placeholders(listed.length)}) OR nominated_by IN (${placeholders(listed.length)}) OR transfers IS NOT NULL)`;
  const rows = await pdb.sql.all<{
    dossier_id: string;
    branch_id: string;
    nominated_by: string;
    nominated_on: string;
    decided_on: string | null;
    outcome: QuotaFacts['outcome'] | null;
    transfers: string | null;
  }>(
    `SELECT dossier_id, branch_id, nominated_by, nominated_on, decided_on, outcome, transfers FROM ${(await pdb.tables(QUOTA))('dossiers')}
       WHERE (nominated_on BETWEEN ? AND ? OR decided_on BETWEEN ? AND ?) ${ofUnits} ORDER BY dossier_id`,
    [from, to, from, to, ...(listed ?? []), ...(listed ?? [])],
  );
  return rows.map((r) => ({
    dossierId: r.dossier_id,
    branchId: r.branch_id,
    nominatedBy: r.nominated_by,
    nominatedOn: r.nominated_on,
    ...(r.decided_on !== null && { decidedOn: r.decided_on }),
    ...(r.outcome !== null && { outcome: r.outcome }),
    ...(r.decided_on !== null &&
      r.transfers !== null && { decidedIn: branchHeldOn(r.branch_id, r.transfers, r.decided_on) }),
  }));
}

/**
 * The dossiers a report of `year` as of `asOf` must fold again: nominated on or before `asOf`, with a
 * nomination or decision date that was in `year` at some time (every value a date ever had lies
 * between the earliest and the latest recorded, and a value can only come from a step dated after it).
 */
export async function quotaCandidatesAsOf(pdb: ProjectionDatabase, year: number, asOf: LocalDate): Promise<string[]> {
  const [from, to] = [`${year}-01-01`, `${year}-12-31`];
  const rows = await pdb.sql.all<{ dossier_id: string }>(
    `SELECT dossier_id FROM ${(await pdb.tables(QUOTA))('dossiers')} WHERE exists_on <= ?
         AND ((nominated_min <= ? AND nominated_max >= ?) OR (decided_min <= ? AND decided_max >= ?)) ORDER BY dossier_id`,
    [asOf, to, from, to, from],
  );
  return rows.map((r) => r.dossier_id);
}
