import { inferBlock, AGENCY_NAME_MARKERS } from './infer-block';
import { matchUnitByName } from './match-units';
import type { OrgUnit } from './org-unit';
import { PlanError } from './plan-error';
import { completeQuarters, type Plan, type PlanMinimums, type PlanUnit } from './plan';
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
  const warnings = [...published.warnings];
  for (const table of published.tables) {
    if (table.year !== undefined && table.year !== options.year) {
      warnings.push(`${table.label}: the title says ${table.year}, imported as the plan for ${options.year}`);
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
): string[] {
  const warnings: string[] = [];
  if (committee && namedByDefault)
    warnings.push(
      `the committee has the default name "${committee.name}": ` +
        `give its real name with PUT /api/v1/units/${committee.unitId} ` +
        '(or name it at import: committeeName, --committee-name in the CLI)',
    );
  if (committee && committee.committeeMembers === undefined)
    warnings.push(
      `committeeMembers of ${committee.unitId} is not set: the committee resolutions cannot be checked against 2/3 ` +
        `until it is (PUT /api/v1/units/${committee.unitId})`,
    );
  const inPlan = new Set(plan.units.map((unit) => unit.unitId));
  const uncounted = units.filter(
    (unit) => unit.kind === 'branch' && inPlan.has(unit.unitId) && unit.officialMembers === undefined,
  );
  if (uncounted.length > 0)
    warnings.push(
      `${uncounted.length} branches have no officialMembers: their resolutions cannot be checked against 2/3 ` +
        `until they do (${uncounted.map((unit) => unit.unitId).join(', ')})`,
    );
  if (plan.minimums === undefined)
    warnings.push(
      'no minimum admissions (minTotal, minRural, minAgency; --min-total, --min-rural, --min-agency in the CLI): ' +
        'the report has none to compare with',
    );
  return warnings;
}

function createdUnitWarnings(created: OrgUnit[], committee: OrgUnit | undefined): string[] {
  if (created.length === 0 && !committee) return [];
  const list = (units: OrgUnit[]) => units.map((u) => `${u.name} (${u.unitId})`).join(', ');
  const branches = created.filter((u) => u.kind === 'branch');
  const massOrgs = created.filter((u) => u.kind === 'mass-org');
  const parts = [`${branches.length} branches`, `${massOrgs.length} mass organisations`];
  if (committee) parts.unshift(`the party committee ${committee.name} (${committee.unitId}), their parent`);
  const warnings = [
    `created ${created.length + (committee ? 1 : 0)} units missing from the catalog: ${parts.join(', ')}`,
  ];
  if (branches.length > 0) {
    const agency = branches.filter((u) => u.block === 'agency');
    const rural = branches.filter((u) => u.block === 'rural');
    warnings.push(
      `block of the created branches inferred from their names (${AGENCY_NAME_MARKERS.join(', ')} → agency, others rural): ` +
        `agency: ${list(agency) || 'none'}; rural: ${list(rural) || 'none'}`,
    );
  }
  if (massOrgs.length > 0) warnings.push(`created mass organisations: ${list(massOrgs)}`);
  return warnings;
}
