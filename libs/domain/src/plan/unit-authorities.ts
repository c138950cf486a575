import { DomainError } from '../errors/domain-error';
import { fieldError, type FieldError } from '../messages/field-error';
import { compareDates, isLocalDate } from '../time/local-date';
import { isUnitId, whyUnitMisfits, type AuthorityPeriod, type OrgUnit, type UnitDirectory } from './org-unit';
import { PlanError } from './plan-error';

/** Whether two periods (both ends inclusive, open-ended without `to`) share a day. */
export const periodsOverlap = (a: AuthorityPeriod, b: AuthorityPeriod): boolean =>
  (a.to === undefined || compareDates(b.from, a.to) <= 0) && (b.to === undefined || compareDates(a.from, b.to) <= 0);

/** Whether a period ends on or after its start. */
export const periodInOrder = (p: AuthorityPeriod): boolean => p.to === undefined || compareDates(p.from, p.to) <= 0;

/**
 * Every invalid field of a committee's authority periods, named like a 400 names them
 * (`authorities.1.to`): dates `YYYY-MM-DD`, `to` not before `from`, unit ids, no two periods overlapping.
 */
export function authorityPeriodErrors(periods: readonly AuthorityPeriod[]): FieldError[] {
  const errors: FieldError[] = [];
  const wellFormed: Array<{ i: number; period: AuthorityPeriod }> = [];
  periods.forEach((p, i) => {
    const at = (field: string) => `authorities.${i}.${field}`;
    const datesOk = isLocalDate(p.from) && (p.to === undefined || isLocalDate(p.to));
    if (!isLocalDate(p.from)) errors.push(fieldError(at('from'), 'field.date'));
    if (p.to !== undefined && !isLocalDate(p.to)) errors.push(fieldError(at('to'), 'field.date'));
    if (!isUnitId(p.unitId)) errors.push(fieldError(at('unitId'), 'field.unit-id'));
    if (!datesOk) return;
    if (!periodInOrder(p)) return void errors.push(fieldError(at('to'), 'field.period-order'));
    const other = wellFormed.find((w) => periodsOverlap(w.period, p));
    if (other) errors.push(fieldError(at('from'), 'field.period-overlap', { other: `authorities.${other.i}` }));
    wellFormed.push({ i, period: p });
  });
  return errors;
}

/**
 * DOMAIN.md §1 (cấp ủy có thẩm quyền as dated data): only a party committee has authority periods;
 * they are well formed (400 listing every invalid field) and each names the committee itself or a
 * higher committee of the catalog (`UNKNOWN_UNIT`).
 */
export function checkUnitAuthorities(unit: OrgUnit, units: UnitDirectory): void {
  const periods = unit.authorities;
  if (periods === undefined) return;
  const errors =
    unit.kind === 'party-committee'
      ? authorityPeriodErrors(periods)
      : [fieldError('authorities', 'field.committee-only')];
  if (errors.length > 0) throw new DomainError('INVALID_COMMAND', { fields: errors.map((e) => e.field) }, { errors });
  for (const period of periods) {
    if (period.unitId === unit.unitId) continue;
    const found = units(period.unitId);
    if (found?.kind !== 'higher-committee') {
      throw new PlanError(
        'UNKNOWN_UNIT.authority',
        { unitId: period.unitId, why: whyUnitMisfits(found?.kind) },
        { field: 'authorities', unitId: period.unitId, ...(found && { kind: found.kind }) },
      );
    }
  }
}
