import { messageOf } from '@ketnap/domain';
import { bodyRow, headerRows, reportSheet, reportWorkbook, sectionRow, titleRow, xlsxBytes } from '../xlsx-sheet';
import type { AdmissionsReport } from './admissions-report';

type Breakdown = keyof AdmissionsReport['breakdowns'];

const BREAKDOWNS: Record<Breakdown, string> = {
  gender: 'Theo giới tính',
  ethnicity: 'Theo dân tộc',
  religion: 'Theo tôn giáo',
  youthUnion: 'Theo đoàn viên Đoàn TNCS Hồ Chí Minh',
  ageBand: 'Theo độ tuổi (tại ngày quyết định kết nạp)',
  education: 'Theo trình độ học vấn',
};
const LABELS: Partial<Record<Breakdown, Record<string, string>>> = {
  gender: { female: 'Nữ', male: 'Nam' },
  religion: { none: 'Không', khong: 'Không' },
  youthUnion: { member: 'Đoàn viên', 'not-member': 'Không phải đoàn viên', unknown: 'Không rõ' },
  ageBand: {
    'up-to-30': 'Đến 30 tuổi',
    '31-45': 'Từ 31 đến 45 tuổi',
    '46-60': 'Từ 46 đến 60 tuổi',
    'over-60': 'Trên 60 tuổi',
  },
};
/**
 * A key of a breakdown in Vietnamese; a value typed by people (an ethnicity, a religion) as it was
 * typed; `unknown`, the facts of a candidate whose personal data was erased, "Không rõ".
 */
const labelOf = (breakdown: Breakdown, key: string): string => {
  const labels = LABELS[breakdown];
  if (labels && Object.hasOwn(labels, key)) return labels[key];
  if (key === 'unknown') return 'Không rõ';
  const education = breakdown === 'education' ? messageOf(`education.${key}`, {}, 'vi') : undefined;
  return education ? education.charAt(0).toUpperCase() + education.slice(1) : key;
};

/**
 * The admissions report as an Excel workbook: the year's totals (women, ethnic minorities, religious,
 * youth union members, up to 30 years old), then one table per breakdown. Every count a number.
 */
export async function admissionsXlsx(report: AdmissionsReport): Promise<Buffer> {
  const workbook = reportWorkbook();
  const sheet = reportSheet(workbook, `Kết nạp ${report.year}`, [6, 46, 14]);
  titleRow(sheet, `KẾT QUẢ KẾT NẠP ĐẢNG VIÊN NĂM ${report.year}`, 3, 'title');
  headerRows(sheet, [['Số TT', 'Nội dung', 'Số lượng']], [], [20]);
  const totals: Array<[string, number]> = [
    ['Tổng số đảng viên được kết nạp', report.total],
    ['Trong đó: nữ', report.women],
    ['Người dân tộc thiểu số', report.ethnicMinorities],
    ['Người có đạo', report.religious],
    ['Đoàn viên Đoàn TNCS Hồ Chí Minh', report.youthUnionMembers],
    ['Đến 30 tuổi', report.youngUpTo30],
  ];
  totals.forEach(([label, count], i) => bodyRow(sheet, [i + 1, label, count], i === 0));
  for (const breakdown of Object.keys(BREAKDOWNS) as Breakdown[]) {
    sheet.addRow([]);
    sectionRow(sheet, BREAKDOWNS[breakdown], 3);
    const counts = Object.entries(report.breakdowns[breakdown] as Record<string, number>);
    counts.forEach(([key, count], i) => bodyRow(sheet, [i + 1, labelOf(breakdown, key), count]));
  }
  return xlsxBytes(workbook);
}

/** A higher committee's admissions roll-up as the workbook reads it (the engine's `AdmissionsRollUp`). */
export interface AdmissionsRollUpSheet {
  year: number;
  committee: { name: string };
  committees: ReadonlyArray<{ name: string } & AdmissionsTotals>;
  total: AdmissionsTotals;
}
type AdmissionsTotals = Pick<
  AdmissionsReport,
  'total' | 'women' | 'ethnicMinorities' | 'religious' | 'youthUnionMembers' | 'youngUpTo30'
>;

/**
 * A higher committee's admissions roll-up as an Excel workbook: a title with the year and its name;
 * one row per party committee below it with its totals (admitted, women, ethnic minorities,
 * religious, youth union members, up to 30 years old), then "Tổng cộng". Every count a number.
 */
export async function admissionsRollUpXlsx(rollUp: AdmissionsRollUpSheet): Promise<Buffer> {
  const workbook = reportWorkbook();
  const widths = [6, 40, 12, 10, 12, 10, 12, 10];
  const sheet = reportSheet(workbook, `Kết nạp ${rollUp.year}`, widths);
  titleRow(sheet, `KẾT QUẢ KẾT NẠP ĐẢNG VIÊN NĂM ${rollUp.year}`, widths.length, 'title');
  titleRow(sheet, rollUp.committee.name, widths.length, 'subtitle');
  headerRows(
    sheet,
    [
      [
        'Số TT',
        'Đảng bộ',
        'Tổng số được kết nạp',
        'Nữ',
        'Dân tộc thiểu số',
        'Có đạo',
        'Đoàn viên Đoàn TNCS Hồ Chí Minh',
        'Đến 30 tuổi',
      ],
    ],
    [],
    [48],
  );
  const counts = (row: AdmissionsTotals) => [
    row.total,
    row.women,
    row.ethnicMinorities,
    row.religious,
    row.youthUnionMembers,
    row.youngUpTo30,
  ];
  rollUp.committees.forEach((c, i) => bodyRow(sheet, [i + 1, c.name, ...counts(c)]));
  bodyRow(sheet, ['', 'Tổng cộng', ...counts(rollUp.total)], true);
  return xlsxBytes(workbook);
}
