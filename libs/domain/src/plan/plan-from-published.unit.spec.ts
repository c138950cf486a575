// eslint-disable-next-line no-restricted-imports -- the test reads the published seed file; the code under test does no I/O
import { readFileSync } from 'node:fs';
// eslint-disable-next-line no-restricted-imports -- see above
import { join } from 'node:path';
import type { OrgUnit } from './org-unit';
import { planFromPublished } from './plan-from-published';
import { parsePlanTsv } from './tsv-plan.parser';
import { renderMessage } from '../messages/catalogue';
import type { MessageRef } from '../messages/message-text';

/** The warnings as an English reader reads them. */
const english = (warnings: readonly MessageRef[]): string[] => warnings.map((w) => renderMessage(w, 'en'));

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
    expect(english(plan.warnings)).toEqual([
      BLANK,
      'created 17 units missing from the catalog: 12 branches, 5 mass organisations',
      'block of the created branches inferred from their names (Trường, Mầm non, Y tế, Quân sự → agency, others rural): ' +
        'agency: Trường TH&THCS (truong-th-thcs), Trường Mầm non (truong-mam-non), Y tế (y-te), Quân sự xã (quan-su-xa); ' +
        'rural: Đèo Cáo - Lân Chàm (deo-cao-lan-cham), Mỏ Ấm (mo-am), Làng Quặng (lang-quang), Làng Gia (lang-gia), ' +
        'Lân Luông (lan-luong), Địa Phận (dia-phan), Làng Cà (lang-ca), Liên Phương (lien-phuong)',
      'created mass organisations: Mặt trận Tổ quốc (mat-tran-to-quoc), Đoàn TNCS HCM (doan-tncs-hcm), ' +
        'Hội Cựu chiến binh (hoi-cuu-chien-binh), Hội Nông dân (hoi-nong-dan), Hội Phụ nữ (hoi-phu-nu)',
      // What is left to set, said once each.
      'committeeMembers of dong-tien is not set: the committee resolutions cannot be checked against 2/3 until it is ' +
        '(PUT /api/v1/units/dong-tien)',
      '12 branches have no officialMembers: their resolutions cannot be checked against 2/3 until they do ' +
        '(deo-cao-lan-cham, mo-am, lang-quang, lang-gia, lan-luong, dia-phan, lang-ca, lien-phuong, truong-th-thcs, ' +
        'truong-mam-non, y-te, quan-su-xa)',
      'no minimum admissions (minTotal, minRural, minAgency; --min-total, --min-rural, --min-agency in the CLI): ' +
        'the report has none to compare with',
    ]);
  });
});

describe('planFromPublished: the party committee with createUnits', () => {
  it('creates the committee an empty catalog lacks, dang-uy by default, first and the parent of every unit', () => {
    const { plan, newUnits } = planFromPublished(seed, [], { year: 2024, createUnits: true, minimums: { total: 6 } });
    expect(newUnits[0]).toEqual({ unitId: 'dang-uy', name: 'Đảng ủy', kind: 'party-committee' });
    expect(newUnits).toHaveLength(18);
    expect(newUnits.slice(1).every((u) => u.parentId === 'dang-uy')).toBe(true);
    expect(plan.committeeId).toBe('dang-uy');
    expect(english(plan.warnings).slice(1, 2)).toEqual([
      'created 18 units missing from the catalog: the party committee Đảng ủy (dang-uy), their parent, 12 branches, ' +
        '5 mass organisations',
    ]);
    expect(english(plan.warnings).slice(4, 6)).toEqual([
      'the committee has the default name "Đảng ủy": give its real name with PUT /api/v1/units/dang-uy ' +
        '(or name it at import: committeeName, --committee-name in the CLI)',
      'committeeMembers of dang-uy is not set: the committee resolutions cannot be checked against 2/3 until it is ' +
        '(PUT /api/v1/units/dang-uy)',
    ]);
    expect(english(plan.warnings).join('\n')).not.toContain('minimum admissions');
  });

  it('creates the committee committeeId names, with the name given, and does not say the name is a default', () => {
    const branch: OrgUnit = { unitId: 'lang-gia', name: 'Làng Gia', kind: 'branch', officialMembers: 9 };
    const { plan, newUnits } = planFromPublished(seed, [branch], {
      year: 2024,
      createUnits: true,
      committeeId: 'dong-tien',
      committeeName: 'Đảng ủy xã Đồng Tiến',
    });
    expect(newUnits[0]).toEqual({ unitId: 'dong-tien', name: 'Đảng ủy xã Đồng Tiến', kind: 'party-committee' });
    expect(new Set(newUnits.slice(1).map((u) => u.parentId))).toEqual(new Set(['dong-tien']));
    expect(plan.committeeId).toBe('dong-tien');
    expect(english(plan.warnings).join('\n')).not.toContain('default name');
    expect(english(plan.warnings)).toContainEqual(expect.stringMatching(/^11 branches have no officialMembers: /));
  });

  it('takes a party committee the catalog has, and makes dang-uy-2 when dang-uy is a unit of another kind', () => {
    const own: OrgUnit = { unitId: 'xa-dong', name: 'Đảng ủy xã Đông', kind: 'party-committee', committeeMembers: 9 };
    const held = planFromPublished(seed, [own], { year: 2024, createUnits: true });
    expect(held.newUnits.filter((u) => u.kind === 'party-committee')).toEqual([]);
    expect(held.plan.committeeId).toBe('xa-dong');
    expect(english(held.plan.warnings).join('\n')).not.toContain('committeeMembers');
    const other: OrgUnit = { unitId: 'dang-uy', name: 'Đảng ủy cũ', kind: 'mass-org' };
    const { newUnits } = planFromPublished(seed, [other], { year: 2024, createUnits: true });
    expect(newUnits[0]).toMatchObject({ unitId: 'dang-uy-2', kind: 'party-committee' });
  });

  it('refuses a committeeId naming a unit of another kind, even with createUnits, and creates no committee without it', () => {
    const branch: OrgUnit = { unitId: 'lang-gia', name: 'Làng Gia', kind: 'branch' };
    expect(() => planFromPublished(seed, [branch], { year: 2024, committeeId: 'lang-gia', createUnits: true })).toThrow(
      expect.objectContaining({ code: 'UNKNOWN_UNIT', details: { unitIds: ['lang-gia'] } }),
    );
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
    expect(english(plan.warnings)).toEqual([BLANK]);
  });

  it('refuses unknown names without createUnits, listing every one', () => {
    const catalog = all.filter((u) => u.unitId !== 'y-te' && u.unitId !== 'hoi-phu-nu');
    expect(() => planFromPublished(seed, catalog, { year: 2024, createUnits: false })).toThrow(
      expect.objectContaining({ code: 'UNKNOWN_UNIT', details: { names: ['Y tế', 'Hội Phụ nữ'] } }),
    );
  });

  it('refuses a committee the catalog does not hold without createUnits', () => {
    expect(() => planFromPublished(seed, all, { year: 2024, committeeId: 'dong-tien', createUnits: false })).toThrow(
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
    expect(english(plan.warnings)).toEqual([
      BLANK,
      'table 1 (branches): the title says 2024, imported as the plan for 2025',
      'table 2 (coordination): the title says 2024, imported as the plan for 2025',
    ]);
  });
});
