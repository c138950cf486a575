import { directoryOf, DONG_TIEN_AUTHORITIES, unitsUnderDistrict } from '../testing/fixtures';
import { competentAuthorityOn } from './competent-authority';
import { competentAuthorityDefaultOf } from './rule-sets';
import { RULE_SETS, type RuleSet } from './rule-sets';

const COMMITTEE = 'dang-uy-xa-dong-tien';
const on = (date: string, committee = {}) =>
  competentAuthorityOn(COMMITTEE, date, directoryOf(unitsUnderDistrict(committee)));

describe('competent authority (cấp ủy có thẩm quyền) as dated data', () => {
  describe('without data, by the default of the rule set in force (DOMAIN.md §1)', () => {
    it('is the parent higher committee until 2025-06-30 (QĐ 24, QĐ 232)', () => {
      expect(on('2024-05-15')).toEqual({ unitId: 'huyen-uy-huu-lung', basis: 'default' });
      expect(on('2025-06-30')).toEqual({ unitId: 'huyen-uy-huu-lung', basis: 'default' });
    });

    it('is the committee itself from 2025-07-01 (QĐ 294)', () =>
      expect(on('2025-07-01')).toEqual({ unitId: COMMITTEE, basis: 'default' }));

    it('is unknown before 2025-07-01 for a committee with no parent higher committee', () => {
      expect(on('2025-06-30', { parentId: undefined })).toBeUndefined();
      expect(on('2025-07-01', { parentId: undefined })).toEqual({ unitId: COMMITTEE, basis: 'default' });
    });

    it('is unknown before the first rule set, and for a unit that is not a party committee', () => {
      expect(on('2021-07-29')).toBeUndefined();
      expect(competentAuthorityOn('chi-bo-lang-gia', '2024-05-15', directoryOf(unitsUnderDistrict()))).toBeUndefined();
    });

    it("reads the rule set's parameter competentAuthorityDefault (data, not the set's id)", () => {
      const [qd24, qd232, qd294] = RULE_SETS;
      const itself = { ...qd24, parameters: { ...qd24.parameters, competentAuthorityDefault: 'committee-itself' } };
      expect([qd24, qd232, qd294].map(competentAuthorityDefaultOf)).toEqual([
        'parent-higher-committee',
        'parent-higher-committee',
        'committee-itself',
      ]);
      expect(competentAuthorityDefaultOf(itself as RuleSet)).toBe('committee-itself');
      const units = directoryOf(unitsUnderDistrict());
      expect(competentAuthorityOn(COMMITTEE, '2024-05-15', units, [itself as RuleSet])).toEqual({
        unitId: COMMITTEE,
        basis: 'default',
      });
    });
  });

  describe("from the committee's own periods (both ends inclusive)", () => {
    const authorities = [
      { from: '2024-01-01', to: '2024-12-31', unitId: 'tinh-uy-lang-son' },
      ...DONG_TIEN_AUTHORITIES.slice(1),
    ];

    it('takes the period covering the date', () => {
      expect(on('2024-01-01', { authorities })).toEqual({ unitId: 'tinh-uy-lang-son', basis: 'data' });
      expect(on('2024-12-31', { authorities })).toEqual({ unitId: 'tinh-uy-lang-son', basis: 'data' });
      expect(on('2030-01-01', { authorities })).toEqual({ unitId: COMMITTEE, basis: 'data' });
    });

    it('falls back to the default on a date no period covers', () =>
      expect(on('2025-03-01', { authorities })).toEqual({ unitId: 'huyen-uy-huu-lung', basis: 'default' }));
  });
});
