import { STAGES } from '@ketnap/domain';
import { xlsxRows } from '../../testing/xlsx-rows';
import { emptyStageCounts } from './pipeline.query';
import { pipelineXlsx, type PipelineSheetReport } from './pipeline-xlsx';

const counts = (given: Partial<Record<(typeof STAGES)[number], number>>) => ({ ...emptyStageCounts(), ...given });
const report: PipelineSheetReport = {
  asOf: '2024-06-10',
  stages: [...STAGES],
  branches: [
    {
      branchId: 'thon-a',
      name: 'Thôn A',
      block: 'rural',
      stages: counts({ proposed: 2 }),
      inProgress: 2,
      failedVotes: 3,
    },
    {
      branchId: 'truong',
      name: 'Trường Mầm non',
      block: 'agency',
      stages: counts({ admitted: 1 }),
      inProgress: 0,
      failedVotes: 0,
    },
  ],
  total: { stages: counts({ proposed: 2, admitted: 1 }), inProgress: 2, failedVotes: 3 },
  reportToHigherCommittee: [
    { dossierId: 'd-1', branchId: 'thon-a', failedBranchVotes: 3, lastFailedOn: '2024-05-30', stage: 'in-preparation' },
  ],
};

describe('pipeline XLSX', () => {
  it('holds one row per branch and the total, each stage a number under its Vietnamese heading', async () => {
    const { rows } = await xlsxRows(await pipelineXlsx(report));
    expect(rows[0][0]).toBe('TIẾN ĐỘ XÉT KẾT NẠP ĐẢNG VIÊN THEO CHI BỘ');
    expect(rows[1][0]).toBe('Số liệu đến ngày 10/06/2024');
    const header = rows[2];
    expect(header.slice(0, 6)).toEqual([
      'Số TT',
      'Chi bộ',
      'Khối',
      'Được giới thiệu',
      'Chuẩn bị hồ sơ',
      'Chi bộ đề nghị kết nạp',
    ]);
    expect(header.slice(-2)).toEqual(['Đang xử lý', 'Số lần biểu quyết không đạt']);
    const figures = (b: PipelineSheetReport['total']) => [
      ...STAGES.map((s) => b.stages[s]),
      b.inProgress,
      b.failedVotes,
    ];
    expect(rows[3]).toEqual([1, 'Thôn A', 'Nông thôn', ...figures(report.branches[0])]);
    expect(rows[4]).toEqual([2, 'Trường Mầm non', 'Cơ quan, đơn vị sự nghiệp', ...figures(report.branches[1])]);
    expect(rows[5]).toEqual([null, 'Tổng cộng', null, ...figures(report.total)]);
    expect(rows[5].slice(3).every((cell) => typeof cell === 'number')).toBe(true);
  });

  it('lists the dossiers to report to the higher committee', async () => {
    const { rows } = await xlsxRows(await pipelineXlsx(report));
    const at = rows.findIndex((r) => String(r[0]).startsWith('Hồ sơ báo cáo cấp ủy cấp trên'));
    expect(rows[at + 1].slice(0, 6)).toEqual([
      'Số TT',
      'Mã hồ sơ',
      'Chi bộ',
      'Số lần không đạt',
      'Lần gần nhất',
      'Giai đoạn',
    ]);
    expect(rows[at + 2].slice(0, 6)).toEqual([1, 'd-1', 'Thôn A', 3, '30/05/2024', 'Chuẩn bị hồ sơ']);
  });
});
