import type { UnitDirectory } from '../plan/org-unit';
import { compareDates, type LocalDate } from '../time/local-date';
import { ruleSetOn, type RuleSet, type RuleSetId } from './rule-sets';

/** Who decides for a party committee when its own data says nothing (DOMAIN.md §1). */
export type AuthorityDefault = 'parent-higher-committee' | 'committee-itself';

/**
 * QĐ 24-QĐ/TW 30/07/2021 4.3.2 (same in QĐ 232-QĐ/TW): the standing committee of the district
 * committee; QĐ 294-QĐ/TW 26/05/2025 (district level abolished): the commune committee's own standing
 * committee [unconfirmed: the text of 4.3.2 was not seen].
 */
const DEFAULT_BY_RULE_SET: Readonly<Record<RuleSetId, AuthorityDefault>> = {
  'qd24-2021': 'parent-higher-committee',
  'qd232-2025': 'parent-higher-committee',
  'qd294-2025': 'committee-itself',
};

/** The default of a rule set: its parameter `competentAuthorityDefault` when it has one, else by its id. */
export function defaultAuthorityKind(ruleSet: RuleSet): AuthorityDefault | undefined {
  const parameters = ruleSet.parameters as { competentAuthorityDefault?: AuthorityDefault };
  return parameters.competentAuthorityDefault ?? DEFAULT_BY_RULE_SET[ruleSet.id];
}

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
  const ruleSet = ruleSetOn(date, ruleSets);
  const kind = ruleSet && defaultAuthorityKind(ruleSet);
  if (kind === 'committee-itself') return { unitId: committeeId, basis: 'default' };
  const parent = committee.parentId === undefined ? undefined : units(committee.parentId);
  if (kind === 'parent-higher-committee' && parent?.kind === 'higher-committee')
    return { unitId: parent.unitId, basis: 'default' };
  return undefined;
}
