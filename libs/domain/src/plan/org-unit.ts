import { PlanError } from './plan-error';

/** Kinds of organisation in a commune (DOMAIN.md §1). */
export const UNIT_KINDS = ['party-committee', 'branch', 'mass-org', 'inspection-committee', 'higher-committee'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/** Branch blocks (khối chi bộ): villages are `rural`; schools, clinic and militia are `agency`. */
export const UNIT_BLOCKS = ['rural', 'agency'] as const;
export type UnitBlock = (typeof UNIT_BLOCKS)[number];

/**
 * Unit ids are opaque, stable and carry no personal data: lowercase letters, digits and dashes,
 * at most 64 characters, neither starting nor ending with a dash.
 */
export const UNIT_ID_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

export const isUnitId = (value: unknown): value is string => typeof value === 'string' && UNIT_ID_PATTERN.test(value);

/** An organisation of the commune: the party committee, a branch (chi bộ), a mass organisation, … */
export interface OrgUnit {
  unitId: string;
  name: string;
  kind: UnitKind;
  parentId?: string;
  block?: UnitBlock;
  /** Official members (đảng viên chính thức): the denominator of a branch vote. */
  officialMembers?: number;
  /** Members of the committee (ủy viên): the denominator of a committee vote. */
  committeeMembers?: number;
}

/**
 * Refuses a parent that would make the unit tree a loop (the unit itself, or one of its descendants).
 * A parent missing from the catalog is accepted: units may be recorded in any order.
 */
export function checkParent(unit: OrgUnit, parentOf: (unitId: string) => string | undefined): void {
  const seen = new Set<string>([unit.unitId]);
  for (let current = unit.parentId; current !== undefined; current = parentOf(current)) {
    if (seen.has(current)) {
      throw new PlanError('UNIT_PARENT_INVALID', `unit ${unit.unitId} cannot have ${unit.parentId} as its parent: the units would form a loop`, {
        unitId: unit.unitId,
        parentId: unit.parentId,
      });
    }
    seen.add(current);
  }
}
