import { DomainError } from '../errors/domain-error';
import { directoryOf, DISTRICT, FIXTURE_UNITS } from '../testing/fixtures';
import type { OrgUnit } from './org-unit';
import { PlanError } from './plan-error';
import { authorityPeriodErrors, checkUnitAuthorities } from './unit-authorities';

const committee: OrgUnit = { unitId: 'dang-uy-xa-dong-tien', name: 'Đảng ủy xã Đồng Tiến', kind: 'party-committee' };
const units = directoryOf([DISTRICT, ...FIXTURE_UNITS]);
const fields = (periods: unknown[]) => authorityPeriodErrors(periods as never).map((e) => [e.field, e.key]);

describe("a party committee's competent authorities (authorities: [{ from, to?, unitId }])", () => {
  it('accepts periods that follow one another, the last open-ended', () =>
    expect(
      fields([
        { from: '2021-07-30', to: '2025-06-30', unitId: 'huyen-uy-huu-lung' },
        { from: '2025-07-01', unitId: 'dang-uy-xa-dong-tien' },
      ]),
    ).toEqual([]));

  it('lists every invalid field: dates, unit ids, a period ending before it starts, overlapping periods', () =>
    expect(
      fields([
        { from: '2025-02-30', unitId: 'Huyện ủy' },
        { from: '2024-01-01', to: '2023-12-31', unitId: 'a' },
        { from: '2024-01-01', to: '2024-06-30', unitId: 'a' },
        { from: '2024-06-30', unitId: 'b' },
      ]),
    ).toEqual([
      ['authorities.0.from', 'field.date'],
      ['authorities.0.unitId', 'field.unit-id'],
      ['authorities.1.to', 'field.period-order'],
      ['authorities.3.from', 'field.period-overlap'],
    ]));

  it('is refused (400) on a unit that is not a party committee', () => {
    const branch = { ...FIXTURE_UNITS[1], authorities: [{ from: '2024-01-01', unitId: 'huyen-uy-huu-lung' }] };
    expect(() => checkUnitAuthorities(branch, units)).toThrow(
      expect.objectContaining({
        code: 'INVALID_COMMAND',
        details: { errors: [expect.objectContaining({ field: 'authorities' })] },
      }),
    );
  });

  it('is refused (400) when malformed, before any unit is looked up', () => {
    const unit = { ...committee, authorities: [{ from: '2024-01-01', to: '2023-01-01', unitId: 'nowhere' }] };
    expect(() => checkUnitAuthorities(unit, units)).toThrow(DomainError);
  });

  it.each([
    ['a unit the catalog does not hold', 'huyen-uy-khac'],
    ['a branch', 'chi-bo-lang-gia'],
  ])('refuses (422 UNKNOWN_UNIT) a period naming %s', (_what, unitId) => {
    const unit = { ...committee, authorities: [{ from: '2024-01-01', unitId }] };
    expect(() => checkUnitAuthorities(unit, units)).toThrow(PlanError);
    expect(() => checkUnitAuthorities(unit, units)).toThrow(expect.objectContaining({ code: 'UNKNOWN_UNIT' }));
  });

  it('accepts the committee itself and a higher committee', () => {
    const unit = {
      ...committee,
      authorities: [
        { from: '2024-01-01', to: '2025-06-30', unitId: 'huyen-uy-huu-lung' },
        { from: '2025-07-01', unitId: 'dang-uy-xa-dong-tien' },
      ],
    };
    expect(() => checkUnitAuthorities(unit, units)).not.toThrow();
  });
});
