import type { UnitDirectory } from '../plan/org-unit';
import { compareDates, type LocalDate } from '../time/local-date';
import { competentAuthorityDefaultOn, type RuleSet } from './rule-sets';

/** The body competent on a date, and whether the committee's data or the rule set's default says so. */
export interface CompetentAuthority {
  unitId: string;
  basis: 'data' | 'default';
}

/**
 * The competent authority (cấp ủy có thẩm quyền) of party committee `committeeId` on `date`: the
 * committee's own period covering the date (`authorities`, both ends inclusive), else the default of
 * the rule set in force: its parent `higher-committee`, or the committee itself. Undefined when
 * neither gives one (no period, and no parent higher committee where the default names it).
 */
export function competentAuthorityOn(
  committeeId: string,
  date: LocalDate,
  units: UnitDirectory,
  ruleSets?: readonly RuleSet[],
): CompetentAuthority | undefined {
  const committee = units(committeeId);
  if (committee?.kind !== 'party-committee') return undefined;
  const period = committee.authorities?.find(
    (p) => compareDates(p.from, date) <= 0 && (p.to === undefined || compareDates(date, p.to) <= 0),
  );
  if (period) return { unitId: period.unitId, basis: 'data' };
  // The rule set in force says whom (its `competentAuthorityDefault`, a data file's parameter).
  const kind = competentAuthorityDefaultOn(date, ruleSets);
  if (kind === 'committee-itself') return { unitId: committeeId, basis: 'default' };
  const parent = committee.parentId === undefined ? undefined : units(committee.parentId);
  if (kind === 'parent-higher-committee' && parent?.kind === 'higher-committee')
    return { unitId: parent.unitId, basis: 'default' };
  return undefined;
}
