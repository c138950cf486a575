import { inferBlock, AGENCY_NAME_MARKERS } from './infer-block';
import { matchUnitByName } from './match-units';
import type { OrgUnit } from './org-unit';
import { PlanError } from './plan-error';
import { completeQuarters, type Plan, type PlanMinimums, type PlanUnit } from './plan';
import type { PublishedPlan, PublishedRow, PublishedTable } from './published-plan';
import { uniqueUnitId } from './unique-unit-id';

export interface PublishedPlanOptions {
  year: number;
  /** The committee whose plan it is; created units get it as their parent. */
  committeeId?: string;
  /** Create the units the catalog lacks: branches from the branch table, mass orgs from the coordination table. */
  createUnits: boolean;
  minimums?: PlanMinimums;
}

export interface AdoptedPublishedPlan {
  plan: Plan;
  /** Units to record before the plan, in table order (empty unless `createUnits`). */
  newUnits: OrgUnit[];
}

/**
 * Turns a published plan into a plan of catalog units, matching rows to units by name.
 * @throws PlanError `UNKNOWN_UNIT` (names listed) when units are missing and `createUnits` is off;
 *   `AMBIGUOUS_UNIT_NAMES` when a name fits several units.
 */
export function planFromPublished(
  published: PublishedPlan,
  catalog: readonly OrgUnit[],
  options: PublishedPlanOptions,
): AdoptedPublishedPlan {
  if (
    options.committeeId !== undefined &&
    !catalog.some((unit) => unit.unitId === options.committeeId && unit.kind === 'party-committee')
  ) {
    throw new PlanError(
      'UNKNOWN_UNIT.no-committee',
      { committeeId: options.committeeId },
      {
        unitIds: [options.committeeId],
      },
    );
  }
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
  const taken = new Set(catalog.map((unit) => unit.unitId));
  const newUnits = missing.map(({ table, row }): OrgUnit => {
    const unit: OrgUnit = {
      unitId: uniqueUnitId(row.name, taken),
      name: row.name,
      kind: table.table === 'branches' ? 'branch' : 'mass-org',
      ...(options.committeeId ? { parentId: options.committeeId } : {}),
      ...(table.table === 'branches' ? { block: inferBlock(row.name) } : {}),
    };
    matched.set(row, unit);
    return unit;
  });
  warnings.push(...createdUnitWarnings(newUnits));

  const units = published.tables.flatMap((table) =>
    table.rows.map((row): PlanUnit => {
      const unit = matched.get(row)!;
      const { quarters, total } = completeQuarters(row.quarters);
      return { unitId: unit.unitId, name: unit.name, table: table.table, quarters, total };
    }),
  );
  const plan: Plan = {
    year: options.year,
    ...(options.committeeId ? { committeeId: options.committeeId } : {}),
    source: 'tsv',
    units,
    ...(options.minimums ? { minimums: options.minimums } : {}),
    warnings,
  };
  return { plan, newUnits };
}

function createdUnitWarnings(created: OrgUnit[]): string[] {
  if (created.length === 0) return [];
  const list = (units: OrgUnit[]) => units.map((u) => `${u.name} (${u.unitId})`).join(', ');
  const branches = created.filter((u) => u.kind === 'branch');
  const massOrgs = created.filter((u) => u.kind === 'mass-org');
  const warnings = [
    `created ${created.length} units missing from the catalog: ${branches.length} branches, ${massOrgs.length} mass organisations`,
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
