import type { OrgUnit, UnitKind } from './org-unit';
import { PlanError } from './plan-error';
import {
  completeQuarters,
  romanQuarter,
  type Plan,
  type PlanMinimums,
  type PlanRecipient,
  type PlanUnit,
  type PlanWarning,
  type QuarterTarget,
} from './plan';

/** A plan as a client sends it (`PUT /plans/{year}` with JSON), already checked field by field. */
export interface PlanInput {
  committeeId: string;
  units: { unitId: string; quarters: QuarterTarget[] }[];
  minimums?: PlanMinimums;
  recipients?: PlanRecipient[];
}

/**
 * Turns a plan sent as JSON into a plan of catalog units: each row gets four quarters (a missing
 * quarter is 0, and said so) and is placed in the coordination table for a mass org, else the branch table.
 * @throws PlanError `UNKNOWN_UNIT` listing every id the catalog does not hold with a fitting kind: the
 * committee a party committee, each row a branch or a mass organisation.
 */
export function planFromInput(year: number, input: PlanInput, catalog: readonly OrgUnit[]): Plan {
  const byId = new Map(catalog.map((unit) => [unit.unitId, unit]));
  const fits = (id: string, kinds: readonly UnitKind[]) => kinds.includes(byId.get(id)?.kind as UnitKind);
  const misfits = [
    ...(fits(input.committeeId, ['party-committee']) ? [] : [input.committeeId]),
    ...input.units.map((u) => u.unitId).filter((id) => !fits(id, ['branch', 'mass-org'])),
  ];
  if (misfits.length > 0) {
    const ids = [...new Set(misfits)];
    throw new PlanError('UNKNOWN_UNIT.plan-ids', { unitIds: ids }, { unitIds: ids });
  }
  const warnings: PlanWarning[] = [];
  const units = input.units.map((row): PlanUnit => {
    const unit = byId.get(row.unitId)!;
    const { quarters, total, missing } = completeQuarters(row.quarters);
    if (missing.length > 0)
      warnings.push({
        key: 'plan.missing-quarters',
        params: { unitId: unit.unitId, quarters: missing.map(romanQuarter) },
      });
    return {
      unitId: unit.unitId,
      name: unit.name,
      table: unit.kind === 'mass-org' ? 'coordination' : 'branches',
      quarters,
      total,
    };
  });
  return {
    year,
    committeeId: input.committeeId,
    source: 'json',
    units,
    ...(input.minimums ? { minimums: input.minimums } : {}),
    ...(input.recipients
      ? { recipients: input.recipients.map(({ name, webhookUrl }) => ({ name, ...(webhookUrl && { webhookUrl }) })) }
      : {}),
    warnings,
  };
}
