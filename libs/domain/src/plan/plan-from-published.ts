import { inferBlock, AGENCY_NAME_MARKERS } from './infer-block';
import { matchUnitByName } from './match-units';
import type { OrgUnit } from './org-unit';
import { PlanError } from './plan-error';
import { completeQuarters, type Plan, type PlanMinimums, type PlanUnit, type PlanWarning } from './plan';
import type { PublishedPlan, PublishedRow, PublishedTable } from './published-plan';
import { uniqueUnitId } from './unique-unit-id';

export interface PublishedPlanOptions {
  year: number;
  /**
   * The committee whose plan it is (default: the catalog's only party committee); created units get it
   * as their parent.
   */
  committeeId?: string;
  /**
   * Create the units the catalog lacks: branches from the branch table, mass orgs from the coordination
   * table, and the party committee when the catalog has none fitting (`committeeId`, else `dang-uy`).
   */
  createUnits: boolean;
  /** The name of the party committee `createUnits` creates (default: {@link DEFAULT_COMMITTEE_NAME}). */
  committeeName?: string;
  minimums?: PlanMinimums;
}

/** The name a party committee created by an import gets when none is given. */
export const DEFAULT_COMMITTEE_NAME = 'Đảng ủy';

export interface AdoptedPublishedPlan {
  plan: Plan;
  /** Units to record before the plan: the party committee, then table order (empty unless `createUnits`). */
  newUnits: OrgUnit[];
}

/**
 * Turns a published plan into a plan of catalog units, matching rows to units by name. With
 * `createUnits`, the units the catalog lacks are among `newUnits`, the party committee first when the
 * catalog has none fitting, and the warnings say what is left to set.
 * @throws PlanError `UNKNOWN_UNIT` (names listed) when units are missing and `createUnits` is off, or
 *   when `committeeId` names no party committee and cannot be created; `AMBIGUOUS_UNIT_NAMES` when a
 *   name fits several units.
 */
export function planFromPublished(
  published: PublishedPlan,
  catalog: readonly OrgUnit[],
  options: PublishedPlanOptions,
): AdoptedPublishedPlan {
  const taken = new Set(catalog.map((unit) => unit.unitId));
  const committee = committeeOf(catalog, options, taken);
  const committeeId = committee?.unitId;
  const warnings: PlanWarning[] = [...published.warnings];
  for (const table of published.tables) {
    if (table.year !== undefined && table.year !== options.year) {
      warnings.push({
        key: 'plan.title-year',
        params: { table: table.label, titleYear: String(table.year), year: String(options.year) },
      });
    }
  }
  const missing: { table: PublishedTable; row: PublishedRow }[] = [];
  const ambiguous: string[] = [];
  const matched = new Map<PublishedRow, OrgUnit>();
  for (const table of published.tables) {
    for (const row of table.rows) {
      const match = matchUnitByName(row.name, catalog);
      if ('unit' in match) matched.set(row, match.unit);
      else if ('ambiguous' in match)
        ambiguous.push(`"${row.name}" (${match.ambiguous.map((u) => u.unitId).join(', ')})`);
      else missing.push({ table, row });
    }
  }
  if (ambiguous.length > 0) {
    throw new PlanError('AMBIGUOUS_UNIT_NAMES', { names: ambiguous }, { names: ambiguous });
  }
  if (missing.length > 0 && !options.createUnits) {
    const names = missing.map(({ row }) => row.name);
    throw new PlanError('UNKNOWN_UNIT.no-names', { names: names.map((n) => `"${n}"`) }, { names });
  }
  const newUnits = missing.map(({ table, row }): OrgUnit => {
    const unit: OrgUnit = {
      unitId: uniqueUnitId(row.name, taken),
      name: row.name,
      kind: table.table === 'branches' ? 'branch' : 'mass-org',
      ...(committeeId ? { parentId: committeeId } : {}),
      ...(table.table === 'branches' ? { block: inferBlock(row.name) } : {}),
    };
    matched.set(row, unit);
    return unit;
  });
  const createdCommittee = committee && !catalog.includes(committee) ? committee : undefined;
  warnings.push(...createdUnitWarnings(newUnits, createdCommittee));

  const units = published.tables.flatMap((table) =>
    table.rows.map((row): PlanUnit => {
      const unit = matched.get(row)!;
      const { quarters, total } = completeQuarters(row.quarters);
      return { unitId: unit.unitId, name: unit.name, table: table.table, quarters, total };
    }),
  );
  const plan: Plan = {
    year: options.year,
    ...(committeeId ? { committeeId } : {}),
    source: 'tsv',
    units,
    ...(options.minimums ? { minimums: options.minimums } : {}),
    warnings,
  };
  if (options.createUnits) {
    const namedByDefault = createdCommittee !== undefined && options.committeeName === undefined;
    warnings.push(...unsetWarnings(plan, [...catalog, ...newUnits], committee, namedByDefault));
  }
  return { plan, newUnits: createdCommittee ? [createdCommittee, ...newUnits] : newUnits };
}

/**
 * The plan's party committee: the one `committeeId` names, else the catalog's only one; with
 * `createUnits`, a new one when the catalog has none fitting (returned, not in `catalog`).
 * @throws PlanError `UNKNOWN_UNIT.no-committee` when `committeeId` names no party committee and either
 *   `createUnits` is off or the id is a unit of another kind.
 */
function committeeOf(
  catalog: readonly OrgUnit[],
  options: PublishedPlanOptions,
  taken: Set<string>,
): OrgUnit | undefined {
  const { committeeId, createUnits } = options;
  const name = options.committeeName ?? DEFAULT_COMMITTEE_NAME;
  if (committeeId !== undefined) {
    const found = catalog.find((unit) => unit.unitId === committeeId);
    if (found?.kind === 'party-committee') return found;
    if (found || !createUnits)
      throw new PlanError('UNKNOWN_UNIT.no-committee', { committeeId }, { unitIds: [committeeId] });
    taken.add(committeeId);
    return { unitId: committeeId, name, kind: 'party-committee' };
  }
  const committees = catalog.filter((unit) => unit.kind === 'party-committee');
  if (committees.length === 1) return committees[0];
  if (committees.length > 0 || !createUnits) return undefined;
  return { unitId: uniqueUnitId(DEFAULT_COMMITTEE_NAME, taken), name, kind: 'party-committee' };
}

/**
 * What an import creating units leaves unset that the procedure or the report needs, said once each:
 * the committee's default name, its committee members, the branches' official members, the minimums.
 */
function unsetWarnings(
  plan: Plan,
  units: readonly OrgUnit[],
  committee: OrgUnit | undefined,
  namedByDefault: boolean,
): PlanWarning[] {
  const warnings: PlanWarning[] = [];
  if (committee && namedByDefault)
    warnings.push({ key: 'plan.default-committee-name', params: { name: committee.name, unitId: committee.unitId } });
  if (committee && committee.committeeMembers === undefined)
    warnings.push({ key: 'plan.committee-members-unset', params: { unitId: committee.unitId } });
  const inPlan = new Set(plan.units.map((unit) => unit.unitId));
  const uncounted = units.filter(
    (unit) => unit.kind === 'branch' && inPlan.has(unit.unitId) && unit.officialMembers === undefined,
  );
  if (uncounted.length > 0)
    warnings.push({
      key: 'plan.official-members-unset',
      params: { count: uncounted.length, unitIds: uncounted.map((unit) => unit.unitId) },
    });
  if (plan.minimums === undefined) warnings.push({ key: 'plan.no-minimums' });
  return warnings;
}

function createdUnitWarnings(created: OrgUnit[], committee: OrgUnit | undefined): PlanWarning[] {
  if (created.length === 0 && !committee) return [];
  const list = (units: OrgUnit[]) =>
    units.length > 0 ? units.map((u) => `${u.name} (${u.unitId})`) : { key: 'plan.no-units' as const };
  const branches = created.filter((u) => u.kind === 'branch');
  const massOrgs = created.filter((u) => u.kind === 'mass-org');
  const counts = {
    count: created.length + (committee ? 1 : 0),
    branches: branches.length,
    massOrgs: massOrgs.length,
  };
  const warnings: PlanWarning[] = [
    committee
      ? {
          key: 'plan.units-created-with-committee',
          params: { ...counts, name: committee.name, unitId: committee.unitId },
        }
      : { key: 'plan.units-created', params: counts },
  ];
  if (branches.length > 0) {
    const agency = branches.filter((u) => u.block === 'agency');
    const rural = branches.filter((u) => u.block === 'rural');
    warnings.push({
      key: 'plan.blocks-inferred',
      params: { markers: [...AGENCY_NAME_MARKERS], agency: list(agency), rural: list(rural) },
    });
  }
  if (massOrgs.length > 0) warnings.push({ key: 'plan.mass-orgs-created', params: { units: list(massOrgs) } });
  return warnings;
}
