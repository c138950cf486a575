import type { LocalDate, Plan } from '@ketnap/domain';
import type { ProjectionDatabase } from '../../sqlite/projection-database';
import { QUOTA, branchHeldOn } from './quota.projection';
import type { QuotaFacts, QuotaUnitInfo } from './quota-report';

/**
 * The plan of a committee's year as last adopted, or `undefined`; without `committeeId`, the year's
 * plan of a single-committee deployment (the first by committee id, should there be several).
 */
export function planOf(pdb: ProjectionDatabase, year: number, committeeId?: string): Plan | undefined {
  const plans = pdb.tables(QUOTA)('plans');
  const row = (
    committeeId === undefined
      ? pdb.db.prepare(`SELECT plan FROM ${plans} WHERE year = ? ORDER BY committee_id LIMIT 1`).get(year)
      : pdb.db.prepare(`SELECT plan FROM ${plans} WHERE year = ? AND committee_id = ?`).get(year, committeeId)
  ) as { plan: string } | undefined;
  return row ? (JSON.parse(row.plan) as Plan) : undefined;
}

/** Every adopted plan: its committee and year, in order of year then committee. */
export function planKeys(pdb: ProjectionDatabase): Array<{ committeeId: string; year: number }> {
  const rows = pdb.db
    .prepare(`SELECT committee_id, year FROM ${pdb.tables(QUOTA)('plans')} ORDER BY year, committee_id`)
    .all() as Array<{ committee_id: string; year: number }>;
  return rows.map((r) => ({ committeeId: r.committee_id, year: r.year }));
}

/** The unit catalog as the quota read model knows it. */
export function quotaUnits(pdb: ProjectionDatabase): Map<string, QuotaUnitInfo> {
  const rows = pdb.db.prepare(`SELECT unit_id, name, kind, block FROM ${pdb.tables(QUOTA)('units')}`).all() as Array<{
    unit_id: string;
    name: string;
    kind: QuotaUnitInfo['kind'];
    block: QuotaUnitInfo['block'] | null;
  }>;
  return new Map(
    rows.map((r) => [r.unit_id, { unitId: r.unit_id, name: r.name, kind: r.kind, ...(r.block && { block: r.block }) }]),
  );
}

/** The facts of the dossiers nominated or decided in `year`, as they stand now. */
export function quotaFacts(pdb: ProjectionDatabase, year: number): QuotaFacts[] {
  const rows = pdb.db
    .prepare(
      `SELECT dossier_id, branch_id, nominated_by, nominated_on, decided_on, outcome, transfers FROM ${pdb.tables(QUOTA)('dossiers')}
       WHERE nominated_on BETWEEN @from AND @to OR decided_on BETWEEN @from AND @to ORDER BY dossier_id`,
    )
    .all({ from: `${year}-01-01`, to: `${year}-12-31` }) as Array<{
    dossier_id: string;
    branch_id: string;
    nominated_by: string;
    nominated_on: string;
    decided_on: string | null;
    outcome: QuotaFacts['outcome'] | null;
    transfers: string | null;
  }>;
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
export function quotaCandidatesAsOf(pdb: ProjectionDatabase, year: number, asOf: LocalDate): string[] {
  const rows = pdb.db
    .prepare(
      `SELECT dossier_id FROM ${pdb.tables(QUOTA)('dossiers')} WHERE exists_on <= @asOf
         AND ((nominated_min <= @to AND nominated_max >= @from) OR (decided_min <= @to AND decided_max >= @from)) ORDER BY dossier_id`,
    )
    .all({ from: `${year}-01-01`, to: `${year}-12-31`, asOf }) as Array<{ dossier_id: string }>;
  return rows.map((r) => r.dossier_id);
}
