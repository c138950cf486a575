import type { MessageRef } from '../messages/message-text';
import type { LocalDate } from '../time/local-date';
import { PlanError } from './plan-error';

/** Kinds of organisation in a commune (DOMAIN.md §1). */
export const UNIT_KINDS = [
  'party-committee',
  'branch',
  'mass-org',
  'inspection-committee',
  'higher-committee',
] as const;
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
  /** Of a party committee: which body decides for it over time (cấp ủy có thẩm quyền, DOMAIN.md §1). */
  authorities?: AuthorityPeriod[];
}

/** One period of a committee's competent authority, both ends inclusive; open-ended without `to`. */
export interface AuthorityPeriod {
  from: LocalDate;
  to?: LocalDate;
  /** The deciding body: the committee itself (its standing committee) or a higher committee. */
  unitId: string;
}

/** What the rules need of the unit catalog: a unit by its id, `undefined` for an id it does not hold. */
export type UnitDirectory = (unitId: string) => OrgUnit | undefined;

/** The party committee a unit belongs to: the unit itself, or its nearest party-committee ancestor. */
export function committeeOf(unitId: string, units: UnitDirectory): string | undefined {
  const seen = new Set<string>();
  for (let id: string | undefined = unitId; id !== undefined && !seen.has(id); id = units(id)?.parentId) {
    if (units(id)?.kind === 'party-committee') return id;
    seen.add(id);
  }
  return undefined;
}

/** The kinds of unit each kind hangs under (DOMAIN.md §1): a commune's units under its party committee, the committee under a higher one. */
export const PARENT_KINDS: Readonly<Record<UnitKind, readonly UnitKind[]>> = {
  branch: ['party-committee'],
  'mass-org': ['party-committee'],
  'inspection-committee': ['party-committee', 'higher-committee'],
  'party-committee': ['higher-committee'],
  'higher-committee': ['higher-committee'],
};

/** Why a unit named does not fit, as a message: it does not exist, or it is of another kind. */
export const whyUnitMisfits = (found: UnitKind | undefined): MessageRef =>
  found === undefined ? { key: 'why.no-unit' } : { key: 'why.kind', params: { kind: { key: `unit-kind.${found}` } } };

/**
 * Refuses a parent the catalog does not hold with a fitting kind (`UNKNOWN_UNIT`), a parent that would
 * make the unit tree a loop (the unit itself, or one of its descendants), and a change of kind that
 * would leave a unit below this one under a parent of the wrong kind (`UNIT_PARENT_INVALID`).
 */
export function checkParent(unit: OrgUnit, units: UnitDirectory, children: readonly OrgUnit[] = []): void {
  if (unit.parentId !== undefined) {
    const parent = units(unit.parentId);
    if (!parent || !PARENT_KINDS[unit.kind].includes(parent.kind)) {
      const why = whyUnitMisfits(parent?.kind);
      throw new PlanError(
        'UNKNOWN_UNIT.parent',
        {
          kind: { key: `unit-kind.${unit.kind}` },
          parentKinds: { key: `parent-kinds.${unit.kind}` },
          parentId: unit.parentId,
          why,
        },
        {
          unitId: unit.unitId,
          parentId: unit.parentId,
        },
      );
    }
  }
  const seen = new Set<string>([unit.unitId]);
  for (let current = unit.parentId; current !== undefined; current = units(current)?.parentId) {
    if (seen.has(current)) {
      throw new PlanError(
        'UNIT_PARENT_INVALID.loop',
        { unitId: unit.unitId, parentId: unit.parentId },
        {
          unitId: unit.unitId,
          parentId: unit.parentId,
        },
      );
    }
    seen.add(current);
  }
  const stranded = children
    .filter((child) => child.parentId === unit.unitId && !PARENT_KINDS[child.kind].includes(unit.kind))
    .map((child) => child.unitId);
  if (stranded.length > 0) {
    throw new PlanError(
      'UNIT_PARENT_INVALID.stranded',
      { unitId: unit.unitId, kind: { key: `unit-kind.${unit.kind}` }, children: stranded },
      {
        unitId: unit.unitId,
        children: stranded,
      },
    );
  }
}
