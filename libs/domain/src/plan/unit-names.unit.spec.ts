import { foldName, searchWordsOf, slugOf } from './fold-name';
import { inferBlock } from './infer-block';
import { checkParent, isUnitId, type OrgUnit } from './org-unit';

describe('unit names and ids', () => {
  it('folds case, Vietnamese diacritics (đ too) and whitespace', () => {
    expect(foldName('  Đèo Cáo -  Lân Chàm ')).toBe(foldName('đeo cao-lan cham'));
    expect(foldName('Làng Quặng')).not.toBe(foldName('Làng Quang Trung'));
  });

  it('folds the words of a name or a query for search: diacritics, đ/Đ and case, at word boundaries', () => {
    expect(searchWordsOf('  ĐẶNG   văn  Ước ')).toEqual(['dang', 'van', 'uoc']);
    expect(searchWordsOf('Hoàng-Thị_Lụa, 2')).toEqual(['hoang', 'thi', 'lua', '2']);
    expect(searchWordsOf(' - ')).toEqual([]);
  });

  it('makes safe ids from names', () => {
    expect(['Trường TH&THCS', 'Đoàn TNCS HCM', '  ', 'x'.repeat(80)].map(slugOf)).toEqual([
      'truong-th-thcs',
      'doan-tncs-hcm',
      'unit',
      'x'.repeat(64),
    ]);
    expect(['lang-gia', 'a', 'a1-b2'].every(isUnitId)).toBe(true);
    expect(['Lang-Gia', '-a', 'a-', 'a_b', 'x'.repeat(65), ''].some(isUnitId)).toBe(false);
  });

  it('infers the agency block from Trường, Mầm non, Y tế, Quân sự, whatever the case or accents', () => {
    expect(['Trường TH&THCS', 'Mầm non Hoa Sen', 'TRẠM Y TẾ', 'Quân sự xã'].map(inferBlock)).toEqual([
      'agency',
      'agency',
      'agency',
      'agency',
    ]);
    expect(['Làng Quặng', 'Đèo Cáo - Lân Chàm', 'Lân Luông'].map(inferBlock)).toEqual(['rural', 'rural', 'rural']);
  });
});

describe('checkParent', () => {
  const units: OrgUnit[] = [
    { unitId: 'huyen', name: 'Huyện ủy', kind: 'higher-committee' },
    { unitId: 'dong-tien', name: 'Đồng Tiến', kind: 'party-committee', parentId: 'huyen' },
    { unitId: 'lang-gia', name: 'Làng Gia', kind: 'branch', parentId: 'dong-tien' },
  ];
  const directory = (id: string) => units.find((u) => u.unitId === id);

  it('accepts a parent of a fitting kind, without loops', () => {
    expect(() =>
      checkParent({ unitId: 'lang-ca', name: 'Làng Cà', kind: 'branch', parentId: 'dong-tien' }, directory, units),
    ).not.toThrow();
    expect(() =>
      checkParent({ unitId: 'ubkt', name: 'UBKT', kind: 'inspection-committee', parentId: 'huyen' }, directory, units),
    ).not.toThrow();
    expect(() =>
      checkParent({ unitId: 'xa-moi', name: 'Xã mới', kind: 'party-committee' }, directory, units),
    ).not.toThrow();
  });

  it('refuses a parent the catalog does not hold, or of the wrong kind', () => {
    const missing: OrgUnit = { unitId: 'lang-ca', name: 'Làng Cà', kind: 'branch', parentId: 'xa-khac' };
    const wrongKind: OrgUnit = { unitId: 'lang-ca', name: 'Làng Cà', kind: 'branch', parentId: 'lang-gia' };
    const committeeUnderCommittee: OrgUnit = {
      unitId: 'xa-moi',
      name: 'Xã mới',
      kind: 'party-committee',
      parentId: 'dong-tien',
    };
    for (const unit of [missing, wrongKind, committeeUnderCommittee])
      expect(() => checkParent(unit, directory, units)).toThrow(expect.objectContaining({ code: 'UNKNOWN_UNIT' }));
  });

  it('refuses the unit itself or one of its descendants as parent, and a change of kind that strands the units below', () => {
    const self: OrgUnit = { unitId: 'huyen', name: 'Huyện ủy', kind: 'higher-committee', parentId: 'huyen' };
    const loop: OrgUnit = { unitId: 'huyen', name: 'Huyện ủy', kind: 'higher-committee', parentId: 'tinh' };
    const tinh = [...units, { unitId: 'tinh', name: 'Tỉnh ủy', kind: 'higher-committee' as const, parentId: 'huyen' }];
    expect(() => checkParent(self, directory, units)).toThrow(expect.objectContaining({ code: 'UNIT_PARENT_INVALID' }));
    expect(() => checkParent(loop, (id) => tinh.find((u) => u.unitId === id), tinh)).toThrow(
      expect.objectContaining({ code: 'UNIT_PARENT_INVALID' }),
    );
    const demoted: OrgUnit = { unitId: 'dong-tien', name: 'Đồng Tiến', kind: 'branch', parentId: undefined };
    expect(() => checkParent(demoted, directory, units)).toThrow(
      expect.objectContaining({
        code: 'UNIT_PARENT_INVALID',
        details: { unitId: 'dong-tien', children: ['lang-gia'] },
      }),
    );
  });
});
