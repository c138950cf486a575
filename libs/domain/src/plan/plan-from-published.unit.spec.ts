// eslint-disable-next-line no-restricted-imports -- the test reads the published seed file; the code under test does no I/O
import { readFileSync } from 'node:fs';
// eslint-disable-next-line no-restricted-imports -- see above
import { join } from 'node:path';
import type { OrgUnit } from './org-unit';
import { planFromPublished } from './plan-from-published';
import { parsePlanTsv } from './tsv-plan.parser';

const seed = parsePlanTsv(
  readFileSync(join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'plan-2024-dong-tien.tsv'), 'utf8'),
);
const BLANK = 'table 1 (branches), row 10 "Trường Mầm non": blank cells read as 0 (Quý IV giới thiệu, Quý IV kết nạp)';

describe('planFromPublished: the seed into an empty catalog with createUnits', () => {
  const committee: OrgUnit = { unitId: 'dong-tien', name: 'Đảng ủy xã Đồng Tiến', kind: 'party-committee' };
  const { plan, newUnits } = planFromPublished(seed, [committee], {
    year: 2024,
    committeeId: 'dong-tien',
    createUnits: true,
  });

  it('creates the 12 branches with an inferred block and the 5 mass orgs, under the committee', () => {
    expect(newUnits.map((u) => [u.unitId, u.kind, u.block ?? '-'])).toEqual([
      ['deo-cao-lan-cham', 'branch', 'rural'],
      ['mo-am', 'branch', 'rural'],
      ['lang-quang', 'branch', 'rural'],
      ['lang-gia', 'branch', 'rural'],
      ['lan-luong', 'branch', 'rural'],
      ['dia-phan', 'branch', 'rural'],
      ['lang-ca', 'branch', 'rural'],
      ['lien-phuong', 'branch', 'rural'],
      ['truong-th-thcs', 'branch', 'agency'],
      ['truong-mam-non', 'branch', 'agency'],
      ['y-te', 'branch', 'agency'],
      ['quan-su-xa', 'branch', 'agency'],
      ['mat-tran-to-quoc', 'mass-org', '-'],
      ['doan-tncs-hcm', 'mass-org', '-'],
      ['hoi-cuu-chien-binh', 'mass-org', '-'],
      ['hoi-nong-dan', 'mass-org', '-'],
      ['hoi-phu-nu', 'mass-org', '-'],
    ]);
    expect(new Set(newUnits.map((u) => u.parentId))).toEqual(new Set(['dong-tien']));
  });

  it('keeps which table each row came from, four quarters each, and the sums', () => {
    expect(plan.units.filter((u) => u.table === 'branches')).toHaveLength(12);
    expect(plan.units.filter((u) => u.table === 'coordination').map((u) => u.unitId)).toEqual([
      'mat-tran-to-quoc',
      'doan-tncs-hcm',
      'hoi-cuu-chien-binh',
      'hoi-nong-dan',
      'hoi-phu-nu',
    ]);
    expect(plan.units.find((u) => u.unitId === 'truong-mam-non')).toMatchObject({
      name: 'Trường Mầm non',
      quarters: [
        { quarter: 1, nominations: 2, admissions: 0 },
        { quarter: 2, nominations: 1, admissions: 1 },
        { quarter: 3, nominations: 0, admissions: 1 },
        { quarter: 4, nominations: 0, admissions: 0 },
      ],
      total: { nominations: 3, admissions: 2 },
    });
    expect(plan).toMatchObject({ year: 2024, committeeId: 'dong-tien', source: 'tsv' });
  });

  it('says what it assumed: the blank cells, the units it created and the blocks it inferred', () => {
    expect(plan.warnings).toEqual([
      BLANK,
      'created 17 units missing from the catalog: 12 branches, 5 mass organisations',
      'block of the created branches inferred from their names (Trường, Mầm non, Y tế, Quân sự → agency, others rural): ' +
        'agency: Trường TH&THCS (truong-th-thcs), Trường Mầm non (truong-mam-non), Y tế (y-te), Quân sự xã (quan-su-xa); ' +
        'rural: Đèo Cáo - Lân Chàm (deo-cao-lan-cham), Mỏ Ấm (mo-am), Làng Quặng (lang-quang), Làng Gia (lang-gia), ' +
        'Lân Luông (lan-luong), Địa Phận (dia-phan), Làng Cà (lang-ca), Liên Phương (lien-phuong)',
      'created mass organisations: Mặt trận Tổ quốc (mat-tran-to-quoc), Đoàn TNCS HCM (doan-tncs-hcm), ' +
        'Hội Cựu chiến binh (hoi-cuu-chien-binh), Hội Nông dân (hoi-nong-dan), Hội Phụ nữ (hoi-phu-nu)',
    ]);
  });
});

describe('planFromPublished: matching names against the catalog', () => {
  const { newUnits: all } = planFromPublished(seed, [], { year: 2024, createUnits: true });

  it('matches exact names first, then ignoring case, diacritics and whitespace, and creates nothing', () => {
    const catalog: OrgUnit[] = all.map((u) =>
      u.unitId === 'lang-gia' ? { ...u, unitId: 'cb-lang-gia', name: 'LANG  GIA' } : u,
    );
    const { plan, newUnits } = planFromPublished(seed, catalog, { year: 2024, createUnits: false });
    expect(newUnits).toEqual([]);
    expect(plan.units.map((u) => u.unitId)).toContain('cb-lang-gia');
    expect(plan.warnings).toEqual([BLANK]);
  });

  it('refuses unknown names without createUnits, listing every one', () => {
    const catalog = all.filter((u) => u.unitId !== 'y-te' && u.unitId !== 'hoi-phu-nu');
    expect(() => planFromPublished(seed, catalog, { year: 2024, createUnits: false })).toThrow(
      expect.objectContaining({ code: 'UNKNOWN_UNIT', details: { names: ['Y tế', 'Hội Phụ nữ'] } }),
    );
  });

  it('refuses a committee the catalog does not hold', () => {
    expect(() => planFromPublished(seed, all, { year: 2024, committeeId: 'dong-tien', createUnits: true })).toThrow(
      expect.objectContaining({ code: 'UNKNOWN_UNIT', details: { unitIds: ['dong-tien'] } }),
    );
  });

  it('refuses a name that fits two units', () => {
    const others = all.filter((u) => u.unitId !== 'y-te');
    const catalog: OrgUnit[] = [
      ...others,
      { unitId: 'y-te-a', name: 'Y TẾ', kind: 'branch' },
      { unitId: 'y-te-b', name: 'y  tế', kind: 'branch' },
    ];
    expect(() => planFromPublished(seed, catalog, { year: 2024, createUnits: false })).toThrow(
      expect.objectContaining({ code: 'AMBIGUOUS_UNIT_NAMES' }),
    );
  });

  it("gives a created unit a fresh id when its name's id is taken", () => {
    const catalog: OrgUnit[] = [{ unitId: 'y-te', name: 'Trạm Y tế cũ', kind: 'branch' }];
    const { newUnits } = planFromPublished(seed, catalog, { year: 2024, createUnits: true });
    expect(newUnits.find((u) => u.name === 'Y tế')?.unitId).toBe('y-te-2');
  });

  it('says when the titles name another year than the plan year', () => {
    const { plan } = planFromPublished(seed, all, { year: 2025, createUnits: false });
    expect(plan.warnings).toEqual([
      BLANK,
      'table 1 (branches): the title says 2024, imported as the plan for 2025',
      'table 2 (coordination): the title says 2024, imported as the plan for 2025',
    ]);
  });
});
