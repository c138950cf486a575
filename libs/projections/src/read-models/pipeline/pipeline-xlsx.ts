import { type Stage, type UnitBlock } from '@ketnap/domain';
import { dmy } from '../quota/quota-csv';
import { bodyRow, headerRows, reportSheet, reportWorkbook, sectionRow, titleRow, xlsxBytes } from '../xlsx-sheet';

/** The pipeline report as the workbook reads it (the engine's `PipelineReport`). */
export interface PipelineSheetReport {
  asOf: string;
  stages: readonly string[];
  branches: ReadonlyArray<{
    branchId: string;
    name: string;
    block: string | null;
    stages: Readonly<Record<string, number>>;
    inProgress: number;
    failedVotes: number;
  }>;
  total: { stages: Readonly<Record<string, number>>; inProgress: number; failedVotes: number };
  reportToHigherCommittee: ReadonlyArray<{
    dossierId: string;
    branchId: string;
    failedBranchVotes: number;
    lastFailedOn: string | null;
    stage: string;
  }>;
}

/** A stage in a column heading: short, as a commune office says it. */
export const STAGE_HEADINGS_VI: Record<Stage, string> = {
  nominated: 'Được giới thiệu',
  'in-preparation': 'Chuẩn bị hồ sơ',
  proposed: 'Chi bộ đề nghị kết nạp',
  'awaiting-decision': 'Chờ quyết định kết nạp',
  admitted: 'Đã có quyết định kết nạp',
  probation: 'Dự bị',
  'recognition-review': 'Xét công nhận chính thức',
  'awaiting-recognition': 'Chờ quyết định công nhận',
  official: 'Đảng viên chính thức',
  removed: 'Xóa tên',
  ended: 'Chấm dứt (từ trần)',
  refused: 'Không được kết nạp',
  withdrawn: 'Rút hồ sơ',
};
const stageHeading = (stage: string) => STAGE_HEADINGS_VI[stage as Stage] ?? stage;
export const BLOCKS_VI: Record<UnitBlock, string> = { rural: 'Nông thôn', agency: 'Cơ quan, đơn vị sự nghiệp' };
const blockName = (block: string | null) => (block ? (BLOCKS_VI[block as UnitBlock] ?? block) : '');

/**
 * The pipeline report as an Excel workbook: one row per branch with its candidates per stage (in
 * the order of the procedure), those in progress and the failed votes, then "Tổng cộng"; below, the
 * dossiers to report to the higher committee. Every count a number.
 */
export async function pipelineXlsx(report: PipelineSheetReport): Promise<Buffer> {
  const workbook = reportWorkbook(report.asOf);
  const widths = [5, 36, 24, ...report.stages.map(() => 10), 10, 12];
  const sheet = reportSheet(workbook, 'Tiến độ hồ sơ', widths);
  const columns = widths.length;
  titleRow(sheet, 'TIẾN ĐỘ XÉT KẾT NẠP ĐẢNG VIÊN THEO CHI BỘ', columns, 'title');
  titleRow(sheet, `Số liệu đến ngày ${dmy(report.asOf)}`, columns, 'subtitle');
  headerRows(
    sheet,
    [['Số TT', 'Chi bộ', 'Khối', ...report.stages.map(stageHeading), 'Đang xử lý', 'Số lần biểu quyết không đạt']],
    [],
    [48],
  );
  const counts = (row: PipelineSheetReport['total']) => [
    ...report.stages.map((s) => row.stages[s] ?? 0),
    row.inProgress,
    row.failedVotes,
  ];
  report.branches.forEach((b, i) => bodyRow(sheet, [i + 1, b.name, blockName(b.block), ...counts(b)]));
  bodyRow(sheet, ['', 'Tổng cộng', '', ...counts(report.total)], true);

  sheet.addRow([]);
  sectionRow(sheet, 'Hồ sơ báo cáo cấp ủy cấp trên (chi bộ biểu quyết không đạt từ 3 lần trở lên)', columns);
  headerRows(sheet, [['Số TT', 'Mã hồ sơ', 'Chi bộ', 'Số lần không đạt', 'Lần gần nhất', 'Giai đoạn']], [], [32]);
  const nameOf = new Map(report.branches.map((b) => [b.branchId, b.name]));
  report.reportToHigherCommittee.forEach((d, i) =>
    bodyRow(sheet, [
      i + 1,
      d.dossierId,
      nameOf.get(d.branchId) ?? d.branchId,
      d.failedBranchVotes,
      d.lastFailedOn ? dmy(d.lastFailedOn) : '',
      stageHeading(d.stage),
    ]),
  );
  return xlsxBytes(workbook);
}

/** A higher committee's pipeline roll-up as the workbook reads it (the engine's `PipelineRollUp`). */
export interface PipelineRollUpSheet {
  asOf: string;
  stages: readonly string[];
  committee: { name: string };
  committees: ReadonlyArray<{
    unitId: string;
    name: string;
    branches: number;
    stages: Readonly<Record<string, number>>;
    inProgress: number;
    failedVotes: number;
  }>;
  total: PipelineSheetReport['total'];
  reportToHigherCommittee: PipelineSheetReport['reportToHigherCommittee'];
}

/**
 * A higher committee's pipeline roll-up as an Excel workbook: a title with its name and the date;
 * one row per party committee below it with its number of branches, its candidates per stage,
 * those in progress and the failed votes; then "Tổng cộng"; below, the dossiers to report to the
 * higher committee. Every count a number.
 */
export async function pipelineRollUpXlsx(rollUp: PipelineRollUpSheet): Promise<Buffer> {
  const workbook = reportWorkbook(rollUp.asOf);
  const widths = [5, 36, 10, ...rollUp.stages.map(() => 10), 10, 12];
  const sheet = reportSheet(workbook, 'Tiến độ hồ sơ', widths);
  const columns = widths.length;
  titleRow(sheet, 'TIẾN ĐỘ XÉT KẾT NẠP ĐẢNG VIÊN THEO ĐẢNG BỘ', columns, 'title');
  titleRow(sheet, `${rollUp.committee.name} - số liệu đến ngày ${dmy(rollUp.asOf)}`, columns, 'subtitle');
  headerRows(
    sheet,
    [
      [
        'Số TT',
        'Đảng bộ',
        'Số chi bộ',
        ...rollUp.stages.map(stageHeading),
        'Đang xử lý',
        'Số lần biểu quyết không đạt',
      ],
    ],
    [],
    [48],
  );
  const counts = (row: PipelineRollUpSheet['total']) => [
    ...rollUp.stages.map((s) => row.stages[s] ?? 0),
    row.inProgress,
    row.failedVotes,
  ];
  rollUp.committees.forEach((c, i) => bodyRow(sheet, [i + 1, c.name, c.branches, ...counts(c)]));
  const branches = rollUp.committees.reduce((sum, c) => sum + c.branches, 0);
  bodyRow(sheet, ['', 'Tổng cộng', branches, ...counts(rollUp.total)], true);

  sheet.addRow([]);
  sectionRow(sheet, 'Hồ sơ báo cáo cấp ủy cấp trên (chi bộ biểu quyết không đạt từ 3 lần trở lên)', columns);
  headerRows(sheet, [['Số TT', 'Mã hồ sơ', 'Chi bộ', 'Số lần không đạt', 'Lần gần nhất', 'Giai đoạn']], [], [32]);
  rollUp.reportToHigherCommittee.forEach((d, i) =>
    bodyRow(sheet, [
      i + 1,
      d.dossierId,
      d.branchId,
      d.failedBranchVotes,
      d.lastFailedOn ? dmy(d.lastFailedOn) : '',
      stageHeading(d.stage),
    ]),
  );
  return xlsxBytes(workbook);
}
