import { STAGES, type Plan, type PlanUnit } from '@ketnap/domain';
import { xlsxRows, type ReadCell } from '../testing/xlsx-rows';
import { admissionsRollUpXlsx, type AdmissionsRollUpSheet } from './admissions/admissions-xlsx';
import { emptyStageCounts } from './pipeline/pipeline.query';
import { STAGE_HEADINGS_VI, pipelineRollUpXlsx, type PipelineRollUpSheet } from './pipeline/pipeline-xlsx';
import { quotaReport, type QuotaRow, type QuotaUnitInfo } from './quota/quota-report';
import { quotaRollUp } from './quota/quota-roll-up';
import { QUOTA_XLSX_COLUMNS, quotaRollUpXlsx } from './quota/quota-xlsx';

/** A plan of one committee: one branch, its targets per quarter as "nominations/admissions". */
const plan = (committeeId: string, branchId: string, text: string): Plan => {
  const quarters = text.split(' ').map((q, i) => {
    const [nominations, admissions] = q.split('/').map(Number);
    return { quarter: (i + 1) as 1 | 2 | 3 | 4, nominations, admissions };
  });
  const sum = (key: 'nominations' | 'admissions') => quarters.reduce((s, q) => s + q[key], 0);
  const unit: PlanUnit = {
    unitId: branchId,
    name: branchId,
    table: 'branches',
    quarters,
    total: { nominations: sum('nominations'), admissions: sum('admissions') },
  };
  return { year: 2024, committeeId, source: 'json', units: [unit], minimums: {}, warnings: [] };
};
const units = new Map<string, QuotaUnitInfo>([
  ['xa-dong', { unitId: 'xa-dong', name: 'Đảng ủy xã Đông', kind: 'party-committee' }],
  ['dong-1', { unitId: 'dong-1', name: 'Chi bộ thôn Đông Một', kind: 'branch', block: 'rural' }],
  ['xa-tay', { unitId: 'xa-tay', name: 'Đảng ủy xã Tây', kind: 'party-committee' }],
  ['tay-1', { unitId: 'tay-1', name: 'Chi bộ thôn Tây Một', kind: 'branch', block: 'rural' }],
]);
const asOf = '2024-09-30';
const quota = quotaRollUp({
  year: 2024,
  asOf,
  committee: { unitId: 'huyen', name: 'Huyện ủy Bình Gia' },
  reports: [
    {
      unitId: 'xa-dong',
      name: 'Đảng ủy xã Đông',
      parentId: 'huyen',
      inPlan: true,
      report: quotaReport({
        plan: plan('xa-dong', 'dong-1', '2/1 1/1 0/0 1/0'),
        units,
        asOf,
        facts: [
          {
            dossierId: '1',
            branchId: 'dong-1',
            nominatedBy: 'dong-1',
            nominatedOn: '2024-02-01',
            decidedOn: '2024-05-02',
            outcome: 'admitted',
          },
        ],
      }),
    },
    {
      unitId: 'xa-tay',
      name: 'Đảng ủy xã Tây',
      parentId: 'huyen',
      inPlan: true,
      report: quotaReport({
        plan: plan('xa-tay', 'tay-1', '1/0 0/1 1/1 0/0'),
        units,
        asOf,
        facts: [{ dossierId: '2', branchId: 'tay-1', nominatedBy: 'tay-1', nominatedOn: '2024-08-01' }],
      }),
    },
  ],
});
const STATUS = { met: 'Đạt', exceeded: 'Vượt', behind: 'Chưa đạt' };
const expected = (row: QuotaRow): ReadCell[] => [
  ...[...row.quarters, row.total].flatMap((f) => [
    f.target.nominations,
    f.actual.nominations,
    f.target.admissions,
    f.actual.admissions,
  ]),
  STATUS[row.status],
];

describe('roll-up XLSX: a higher committee, one row per party committee', () => {
  it('quota: titled with the year, the higher committee and the date; every cell equals the JSON', async () => {
    const { rows, sheet } = await xlsxRows(await quotaRollUpXlsx(quota));
    expect(rows[0][0]).toBe('BIỂU THEO DÕI CHỈ TIÊU PHÁT TRIỂN ĐẢNG VIÊN NĂM 2024');
    expect(rows[1][0]).toBe('Huyện ủy Bình Gia - số liệu đến ngày 30/09/2024');
    expect(rows[3].slice(0, 3)).toEqual(['Số TT', 'Tên đơn vị', 'Quý I']);
    expect(rows[5].slice(2, 6)).toEqual(['Chỉ tiêu', 'Thực hiện', 'Chỉ tiêu', 'Thực hiện']);
    const body = rows.slice(6);
    expect(body).toEqual([
      ...quota.committees.map((c, i) => [i + 1, c.name, ...expected(c)]),
      [null, 'Tổng cộng', ...expected(quota.total)],
    ]);
    expect(body.every((r) => r.length === QUOTA_XLSX_COLUMNS)).toBe(true);
    // The figures are those of the committees: not all zero, and the total their sum.
    expect(quota.total.total.actual).toEqual({ nominations: 2, admissions: 1 });
    expect(sheet.getCell('C7').numFmt).toBe('#,##0;-#,##0;"-"');
  });

  it('pipeline: one row per party committee with its branches and stage counts, then the totals', async () => {
    const stages = (counts: Partial<Record<(typeof STAGES)[number], number>>) => ({ ...emptyStageCounts(), ...counts });
    const rollUp: PipelineRollUpSheet = {
      asOf,
      stages: STAGES,
      committee: { name: 'Huyện ủy Bình Gia' },
      committees: [
        {
          unitId: 'xa-dong',
          name: 'Đảng ủy xã Đông',
          branches: 2,
          stages: stages({ nominated: 3 }),
          inProgress: 3,
          failedVotes: 1,
        },
        {
          unitId: 'xa-tay',
          name: 'Đảng ủy xã Tây',
          branches: 1,
          stages: stages({ probation: 1 }),
          inProgress: 1,
          failedVotes: 0,
        },
      ],
      total: { stages: stages({ nominated: 3, probation: 1 }), inProgress: 4, failedVotes: 1 },
      reportToHigherCommittee: [
        { dossierId: 'd-9', branchId: 'dong-1', failedBranchVotes: 3, lastFailedOn: '2024-06-01', stage: 'nominated' },
      ],
    };
    const { rows } = await xlsxRows(await pipelineRollUpXlsx(rollUp));
    expect(rows[0][0]).toBe('TIẾN ĐỘ XÉT KẾT NẠP ĐẢNG VIÊN THEO ĐẢNG BỘ');
    expect(rows[1][0]).toBe('Huyện ủy Bình Gia - số liệu đến ngày 30/09/2024');
    expect(rows[2]).toEqual([
      'Số TT',
      'Đảng bộ',
      'Số chi bộ',
      ...STAGES.map((s) => STAGE_HEADINGS_VI[s]),
      'Đang xử lý',
      'Số lần biểu quyết không đạt',
    ]);
    const counts = (r: PipelineRollUpSheet['total']) => [
      ...STAGES.map((s) => r.stages[s]),
      r.inProgress,
      r.failedVotes,
    ];
    expect(rows.slice(3, 6)).toEqual([
      ...rollUp.committees.map((c, i) => [i + 1, c.name, c.branches, ...counts(c)]),
      [null, 'Tổng cộng', 3, ...counts(rollUp.total)],
    ]);
    expect(rows.at(-1)!.slice(0, 6)).toEqual([1, 'd-9', 'dong-1', 3, '01/06/2024', 'Được giới thiệu']);
  });

  it('admissions: one row per party committee with its totals, then "Tổng cộng"', async () => {
    const figures = (total: number, women: number) => ({
      total,
      women,
      ethnicMinorities: 1,
      religious: 0,
      youthUnionMembers: total - 1,
      youngUpTo30: women,
    });
    const rollUp: AdmissionsRollUpSheet = {
      year: 2024,
      committee: { name: 'Huyện ủy Bình Gia' },
      committees: [
        { name: 'Đảng ủy xã Đông', ...figures(3, 2) },
        { name: 'Đảng ủy xã Tây', ...figures(1, 0) },
      ],
      total: { ...figures(4, 2), ethnicMinorities: 2 },
    };
    const { rows } = await xlsxRows(await admissionsRollUpXlsx(rollUp));
    expect(rows[0][0]).toBe('KẾT QUẢ KẾT NẠP ĐẢNG VIÊN NĂM 2024');
    expect(rows[1][0]).toBe('Huyện ủy Bình Gia');
    expect(rows[2].slice(0, 4)).toEqual(['Số TT', 'Đảng bộ', 'Tổng số được kết nạp', 'Nữ']);
    const counts = (r: AdmissionsRollUpSheet['total']) => [
      r.total,
      r.women,
      r.ethnicMinorities,
      r.religious,
      r.youthUnionMembers,
      r.youngUpTo30,
    ];
    expect(rows.slice(3)).toEqual([
      [1, 'Đảng ủy xã Đông', ...counts(rollUp.committees[0])],
      [2, 'Đảng ủy xã Tây', ...counts(rollUp.committees[1])],
      [null, 'Tổng cộng', ...counts(rollUp.total)],
    ]);
  });
});
