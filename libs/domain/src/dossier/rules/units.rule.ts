import { DomainError } from '../../errors/domain-error';
import { committeeOf, whyUnitMisfits, type UnitDirectory, type UnitKind } from '../../plan/org-unit';

const EXPECTED = {
  branchId: 'a branch',
  toBranchId: 'a branch',
  nominatedBy: "a mass organisation of the branch's party committee, or the branch itself",
} as const;

function unknownUnit(field: keyof typeof EXPECTED, unitId: string, found: UnitKind | undefined): never {
  const key = {
    branchId: 'UNKNOWN_UNIT.branch',
    toBranchId: 'UNKNOWN_UNIT.to-branch',
    nominatedBy: 'UNKNOWN_UNIT.nominator',
  } as const;
  throw new DomainError(
    key[field],
    { unitId, why: whyUnitMisfits(found) },
    { field, unitId, expected: EXPECTED[field], ...(found && { kind: found }) },
  );
}

/**
 * DOMAIN.md §1–§2: a dossier is considered by a branch (chi bộ) of the catalog, and nominated by a
 * mass organisation of that branch's party committee or by the branch itself.
 */
export function checkNominationUnits(data: { branchId: string; nominatedBy: string }, units: UnitDirectory): void {
  checkBranchUnit('branchId', data.branchId, units);
  const nominator = units(data.nominatedBy);
  const fits =
    nominator?.kind === 'branch'
      ? data.nominatedBy === data.branchId
      : nominator?.kind === 'mass-org' && committeeOf(data.nominatedBy, units) === committeeOf(data.branchId, units);
  if (!fits) unknownUnit('nominatedBy', data.nominatedBy, nominator?.kind);
}

/** A unit named as the branch of a dossier must be a branch (chi bộ) of the catalog. */
export function checkBranchUnit(field: 'branchId' | 'toBranchId', unitId: string, units: UnitDirectory): void {
  const branch = units(unitId);
  if (branch?.kind !== 'branch') unknownUnit(field, unitId, branch?.kind);
}
