import type { OrgUnit, PlanInput, Quarter } from '@ketnap/domain';

/** The higher committee above the demo's two communes: the roll-up of their reports. */
export const HIGHER_COMMITTEE: OrgUnit = {
  unitId: 'huyen-uy-huu-lung',
  name: 'Huyện ủy Hữu Lũng',
  kind: 'higher-committee',
};

/** The demo's second commune, a small one, next to Đồng Tiến under the same higher committee. */
export const SECOND_COMMITTEE: OrgUnit = {
  unitId: 'dang-uy-xa-hoa-son',
  name: 'Đảng ủy xã Hòa Sơn',
  kind: 'party-committee',
  parentId: HIGHER_COMMITTEE.unitId,
  committeeMembers: 13,
};

const under = { parentId: SECOND_COMMITTEE.unitId };
/** Its units: three village branches, the school's branch and two mass organisations. */
export const SECOND_UNITS: OrgUnit[] = [
  {
    unitId: 'hs-cb-dong-me',
    name: 'Chi bộ thôn Đồng Mé',
    kind: 'branch',
    block: 'rural',
    officialMembers: 12,
    ...under,
  },
  { unitId: 'hs-cb-na-ca', name: 'Chi bộ thôn Na Cà', kind: 'branch', block: 'rural', officialMembers: 10, ...under },
  {
    unitId: 'hs-cb-ru-ngoc',
    name: 'Chi bộ thôn Rú Ngọc',
    kind: 'branch',
    block: 'rural',
    officialMembers: 9,
    ...under,
  },
  {
    unitId: 'hs-cb-truong',
    name: 'Chi bộ Trường TH&THCS Hòa Sơn',
    kind: 'branch',
    block: 'agency',
    officialMembers: 11,
    ...under,
  },
  { unitId: 'hs-hoi-phu-nu', name: 'Hội Liên hiệp Phụ nữ xã Hòa Sơn', kind: 'mass-org', ...under },
  { unitId: 'hs-doan-tn', name: 'Đoàn TNCS Hồ Chí Minh xã Hòa Sơn', kind: 'mass-org', ...under },
];

/** Quarters I–IV as `nominations/admissions` pairs. */
const quarters = (text: string) =>
  text.split(' ').map((pair, i) => {
    const [nominations, admissions] = pair.split('/').map(Number);
    return { quarter: (i + 1) as Quarter, nominations, admissions };
  });

/** Its plan of 2024, adopted on its own route (`PUT /committees/dang-uy-xa-hoa-son/plans/2024`). */
export const SECOND_PLAN: PlanInput = {
  committeeId: SECOND_COMMITTEE.unitId,
  units: [
    { unitId: 'hs-cb-dong-me', quarters: quarters('1/0 0/1 1/0 0/0') },
    { unitId: 'hs-cb-na-ca', quarters: quarters('0/0 1/0 0/1 0/0') },
    { unitId: 'hs-cb-ru-ngoc', quarters: quarters('0/1 1/0 0/0 0/0') },
    { unitId: 'hs-cb-truong', quarters: quarters('1/0 0/0 0/1 0/0') },
    { unitId: 'hs-hoi-phu-nu', quarters: quarters('1/0 0/0 0/0 0/0') },
    { unitId: 'hs-doan-tn', quarters: quarters('0/0 1/0 0/0 0/0') },
  ],
};

/** Its synthetic dossiers: `demoDossiers(plan, SECOND_SEED, SECOND_EXTRAS)`, one per target and a few more. */
export const SECOND_SEED = 2025;
export const SECOND_EXTRAS = 3;
