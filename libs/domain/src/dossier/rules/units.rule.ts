import { DomainError } from '../../errors/domain-error';
import { committeeOf, whyUnitMisfits, type UnitDirectory, type UnitKind } from '../../plan/org-unit';

const EXPECTED = {
  branchId: 'a branch',
  nominatedBy: "a mass organisation of the branch's party committee, or the branch itself",
} as const;

function unknownUnit(field: 'branchId' | 'nominatedBy', unitId: string, found: UnitKind | undefined): never {
  const key = field === 'branchId' ? 'UNKNOWN_UNIT.branch' : 'UNKNOWN_UNIT.nominator';
  throw new DomainError(
    key,
    { unitId, why: whyUnitMisfits(found) },
    { field, unitId, expected: EXPECTED[field], ...(found && { kind: found }) },
  );
}

/**
 * DOMAIN.md §1–§2: a dossier is considered by a branch (chi bộ) of the catalog, and nominated by a
 * mass organisation of that branch's party committee or by the branch itself.
 */
export function checkNominationUnits(data: { branchId: string; nominatedBy: string }, units: UnitDirectory): void {
  const branch = units(data.branchId);
  if (branch?.kind !== 'branch') unknownUnit('branchId', data.branchId, branch?.kind);
  const nominator = units(data.nominatedBy);
  const fits =
    nominator?.kind === 'branch'
      ? data.nominatedBy === data.branchId
      : nominator?.kind === 'mass-org' && committeeOf(data.nominatedBy, units) === committeeOf(data.branchId, units);
  if (!fits) unknownUnit('nominatedBy', data.nominatedBy, nominator?.kind);
}
