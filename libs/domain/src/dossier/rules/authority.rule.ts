import { DomainError } from '../../errors/domain-error';
import { committeeOf, whyUnitMisfits } from '../../plan/org-unit';
import { competentAuthorityOn, type CompetentAuthority } from '../../rules/competent-authority';
import type { LocalDate } from '../../time/local-date';
import { ruleSetsOf, type DecideContext } from '../context';
import type { DossierState } from '../state';

interface Decided {
  decidedOn: LocalDate;
  decidedBy?: string;
}

/** The dossier's party committee: the one its branch belongs to. */
const committeeOfDossier = (d: DossierState, ctx: DecideContext): string | undefined =>
  d.nomination && committeeOf(d.nomination.branchId, ctx.units);

/** The competent authority of the dossier's committee on `date` (DOMAIN.md §1), if one is known. */
export function dossierAuthorityOn(
  date: LocalDate,
  d: DossierState,
  ctx: DecideContext,
): CompetentAuthority | undefined {
  const committeeId = committeeOfDossier(d, ctx);
  return committeeId === undefined ? undefined : competentAuthorityOn(committeeId, date, ctx.units, ruleSetsOf(ctx));
}

/**
 * A decision that names no deciding body records the one competent on its date; when none is known
 * (no authority periods, no parent higher committee where the default names it) it records none.
 */
export function decidedByOf(data: Decided, d: DossierState, ctx: DecideContext): { decidedBy?: string } {
  if (data.decidedBy !== undefined) return { decidedBy: data.decidedBy };
  const found = dossierAuthorityOn(data.decidedOn, d, ctx);
  return found ? { decidedBy: found.unitId } : {};
}

/**
 * Steps 11 and 16 (QĐ 24-QĐ/TW 4.3.2; QĐ 294-QĐ/TW): the body that decides is the competent authority
 * of the dossier's party committee on the decision date. It must be a unit of the catalog of a
 * fitting kind (the committee itself or a higher committee), and the one competent on that date.
 */
export function checkDecidedBy(data: Decided, d: DossierState, ctx: DecideContext): void {
  const { decidedBy, decidedOn } = data;
  if (decidedBy === undefined) return;
  const committeeId = committeeOfDossier(d, ctx);
  const unit = ctx.units(decidedBy);
  const fits = unit !== undefined && (decidedBy === committeeId || unit.kind === 'higher-committee');
  if (!fits) {
    throw new DomainError(
      'UNKNOWN_UNIT.decided-by',
      { unitId: decidedBy, why: whyUnitMisfits(unit?.kind) },
      {
        field: 'decidedBy',
        unitId: decidedBy,
        expected: "the dossier's party committee or a higher committee",
        ...(unit && { kind: unit.kind }),
      },
    );
  }
  const competent = dossierAuthorityOn(decidedOn, d, ctx);
  if (competent?.unitId === decidedBy) return;
  const figures = { decidedBy, decidedOn, committeeId: committeeId ?? d.nomination?.branchId ?? '' };
  if (!competent) throw new DomainError('NOT_COMPETENT_AUTHORITY.none-known', figures, figures);
  const competentName = ctx.units(competent.unitId)?.name ?? competent.unitId;
  throw new DomainError(
    'NOT_COMPETENT_AUTHORITY',
    { ...figures, competent: competent.unitId, competentName },
    { ...figures, competent: competent.unitId, basis: competent.basis },
  );
}
