import { foldName, slugOf } from './fold-name';
import { inferBlock } from './infer-block';
import { checkParent, isUnitId, type OrgUnit } from './org-unit';

describe('unit names and ids', () => {
  it('folds case, Vietnamese diacritics (đ too) and whitespace', () => {
    expect(foldName('  Đèo Cáo -  Lân Chàm ')).toBe(foldName('đeo cao-lan cham'));
    expect(foldName('Làng Quặng')).not.toBe(foldName('Làng Quang Trung'));
  });

  it('makes safe ids from names', () => {
    expect(['Trường TH&THCS', 'Đoàn TNCS HCM', '  ', 'x'.repeat(80)].map(slugOf)).toEqual(['truong-th-thcs', 'doan-tncs-hcm', 'unit', 'x'.repeat(64)]);
    expect(['lang-gia', 'a', 'a1-b2'].every(isUnitId)).toBe(true);
    expect(['Lang-Gia', '-a', 'a-', 'a_b', 'x'.repeat(65), ''].some(isUnitId)).toBe(false);
  });

  it('infers the agency block from Trường, Mầm non, Y tế, Quân sự, whatever the case or accents', () => {
    expect(['Trường TH&THCS', 'Mầm non Hoa Sen', 'TRẠM Y TẾ', 'Quân sự xã'].map(inferBlock)).toEqual(['agency', 'agency', 'agency', 'agency']);
    expect(['Làng Quặng', 'Đèo Cáo - Lân Chàm', 'Lân Luông'].map(inferBlock)).toEqual(['rural', 'rural', 'rural']);
  });
});

describe('checkParent', () => {
  const tree: Record<string, string | undefined> = { 'dong-tien': undefined, 'lang-gia': 'dong-tien' };
  const parentOf = (id: string) => tree[id];

  it('accepts a parent chain without loops, and a parent not recorded yet', () => {
    expect(() => checkParent({ unitId: 'lang-ca', name: 'Làng Cà', kind: 'branch', parentId: 'dong-tien' }, parentOf)).not.toThrow();
    expect(() => checkParent({ unitId: 'lang-ca', name: 'Làng Cà', kind: 'branch', parentId: 'huyen' }, parentOf)).not.toThrow();
  });

  it('refuses the unit itself or one of its descendants as parent', () => {
    const self: OrgUnit = { unitId: 'lang-gia', name: 'Làng Gia', kind: 'branch', parentId: 'lang-gia' };
    const loop: OrgUnit = { unitId: 'dong-tien', name: 'Đồng Tiến', kind: 'party-committee', parentId: 'lang-gia' };
    for (const unit of [self, loop]) expect(() => checkParent(unit, parentOf)).toThrow(expect.objectContaining({ code: 'UNIT_PARENT_INVALID' }));
  });
});
