import type { OrgUnit, UnitDirectory } from './org-unit';
import { committeeOf } from './org-unit';
import { PlanError } from './plan-error';
import type { Plan } from './plan';

/**
 * Party committees of one deployment (API.md "Committees and reports across levels"): a deployment
 * may hold many party committees under higher committees. Pure: the catalog is given.
 */

/** The party committees of a catalog, by id. */
export function partyCommitteeIds(units: Iterable<OrgUnit>): string[] {
  return [...units]
    .filter((u) => u.kind === 'party-committee')
    .map((u) => u.unitId)
    .sort();
}

/**
 * The committee a plan belongs to: the one it names, else the catalog's only party committee (the
 * first by id when a catalog grew more after the plan was stored), else `undefined`.
 */
export function committeeOfPlan(plan: Pick<Plan, 'committeeId'>, committees: readonly string[]): string | undefined {
  return plan.committeeId ?? [...committees].sort()[0];
}

/**
 * The committee an unscoped route (`/plans/{year}`, `/reports/…`) answers for: the only party
 * committee, or `undefined` when there is none.
 * @throws PlanError `COMMITTEE_REQUIRED` naming the committees when there are several.
 */
export function onlyCommittee(committees: readonly string[]): string | undefined {
  if (committees.length > 1) {
    const sorted = [...committees].sort();
    throw new PlanError('COMMITTEE_REQUIRED', { committees: sorted.join(', ') }, { committees: sorted });
  }
  return committees[0];
}

/** The party committees below a higher committee, at any depth, by id. */
export function committeesUnder(higherId: string, units: Iterable<OrgUnit>, directory: UnitDirectory): string[] {
  return partyCommitteeIds(units).filter((id) => isBelow(id, higherId, directory));
}

/** Whether `unitId` lies below `ancestorId` (not the unit itself) along the parent chain. */
export function isBelow(unitId: string, ancestorId: string, directory: UnitDirectory): boolean {
  const seen = new Set<string>([unitId]);
  for (let id = directory(unitId)?.parentId; id !== undefined && !seen.has(id); id = directory(id)?.parentId) {
    if (id === ancestorId) return true;
    seen.add(id);
  }
  return false;
}

/** Whether a unit belongs to a party committee: the committee itself, or a unit whose nearest committee it is. */
export const inCommittee = (unitId: string, committeeId: string, directory: UnitDirectory): boolean =>
  committeeOf(unitId, directory) === committeeId;
