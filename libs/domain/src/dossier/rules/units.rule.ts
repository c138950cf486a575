import { DomainError } from '../../errors/domain-error';
import { committeeOf, type UnitDirectory, type UnitKind } from '../../plan/org-unit';

function unknownUnit(field: string, unitId: string, expected: string, found: UnitKind | undefined): never {
  const why = found === undefined ? 'there is no such unit' : `it is a ${found}`;
  throw new DomainError('UNKNOWN_UNIT', `${field} must name ${expected}; ${unitId} does not fit: ${why}.`, {
    field,
    unitId,
    expected,
    ...(found && { kind: found }),
  });
}

/**
 * DOMAIN.md §1–§2: a dossier is considered by a branch (chi bộ) of the catalog, and nominated by a
 * mass organisation of that branch's party committee or by the branch itself.
 */
export function checkNominationUnits(data: { branchId: string; nominatedBy: string }, units: UnitDirectory): void {
  const branch = units(data.branchId);
  if (branch?.kind !== 'branch') unknownUnit('branchId', data.branchId, 'a branch', branch?.kind);
  const nominator = units(data.nominatedBy);
  const fits =
    nominator?.kind === 'branch'
      ? data.nominatedBy === data.branchId
      : nominator?.kind === 'mass-org' && committeeOf(data.nominatedBy, units) === committeeOf(data.branchId, units);
  if (!fits)
    unknownUnit(
      'nominatedBy',
      data.nominatedBy,
      "a mass organisation of the branch's party committee, or the branch itself",
      nominator?.kind,
    );
}
