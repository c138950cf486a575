import { QUARTERS, romanQuarter } from '@ketnap/domain';
import type { Worksheet } from 'exceljs';
import { bodyRow, headerRows, reportSheet, reportWorkbook, sectionRow, titleRow, xlsxBytes } from '../xlsx-sheet';
import { QUOTA_MINIMUMS_VI, QUOTA_STATUS_VI, QUOTA_TABLE_TITLES, dmy, figures } from './quota-csv';
import { quartersBegun, rowOf, sumQuarters, type QuotaReport, type QuotaRow, type QuotaUnitRow } from './quota-report';
import type { QuotaRollUp } from './quota-roll-up';

/** Số TT, Tên đơn vị, (quarters I–IV and Cộng) × 4 figures, Đánh giá. */
export const QUOTA_XLSX_COLUMNS = 2 + (QUARTERS.length + 1) * 4 + 1;
const WIDTHS = [5, 40, ...Array<number>((QUARTERS.length + 1) * 4).fill(6.5), 10];
const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI'];

/** The three header rows of a table, with their merged cells, as the published tables have them. */
function header(sheet: Worksheet): void {
  const groups = [...QUARTERS.map((q) => `Quý ${romanQuarter(q)}`), 'Cộng'];
  const status = QUOTA_XLSX_COLUMNS;
  headerRows(
    sheet,
    [
      ['Số TT', 'Tên đơn vị', ...groups.flatMap((g) => [g, '', '', '']), 'Đánh giá'],
      ['', '', ...groups.flatMap(() => ['Giới thiệu quần chúng ưu tú', '', 'Kết nạp', '']), ''],
      ['', '', ...groups.flatMap(() => ['Chỉ tiêu', 'Thực hiện', 'Chỉ tiêu', 'Thực hiện']), ''],
    ],
    [
      [0, 1, 2, 1],
      [0, 2, 2, 2],
      [0, status, 2, status],
      ...groups.flatMap((_, g) => {
        const first = 3 + g * 4;
        return [
          [0, first, 0, first + 3],
          [1, first, 1, first + 1],
          [1, first + 2, 1, first + 3],
        ] as Array<[number, number, number, number]>;
      }),
    ],
    [18, 46, 30],
  );
}

const line = (sheet: Worksheet, number: string | number, name: string, row: QuotaRow, bold = false) =>
  bodyRow(sheet, [number, name, ...figures(row), QUOTA_STATUS_VI[row.status]], bold);

/**
 * The quota report as an Excel workbook laid out like the published tables (biểu giao chỉ tiêu): a
 * title with the year, the committee and the date of the figures; the branches' table with its units
 * grouped by block, each block's totals on its heading row, and "Tổng cộng"; the mass organisations'
 * coordination table and its total; then the committee's row and the minimums. Units × quarters I–IV
 * and the year (Cộng) × nominations and admissions, each as target and actual; every figure a number.
 */
export async function quotaXlsx(report: QuotaReport): Promise<Buffer> {
  const workbook = reportWorkbook(report.asOf);
  const sheet = reportSheet(workbook, `Chỉ tiêu ${report.year}`, WIDTHS);
  const columns = QUOTA_XLSX_COLUMNS;
  const due = quartersBegun(report.year, report.asOf);
  titleRow(sheet, `BIỂU THEO DÕI CHỈ TIÊU PHÁT TRIỂN ĐẢNG VIÊN NĂM ${report.year}`, columns, 'title');
  titleRow(sheet, `${report.committee.name} - số liệu đến ngày ${dmy(report.asOf)}`, columns, 'subtitle');

  const branches = report.units.filter((u) => u.table === 'branches');
  sectionRow(sheet, `I. ${QUOTA_TABLE_TITLES.branches}`, columns);
  header(sheet);
  let number = 0;
  const listed = new Set<QuotaUnitRow>();
  report.blocks
    .filter((b) => b.block !== 'coordination')
    .map((block) => ({ block, units: branches.filter((u) => u.block === block.block) }))
    .filter(({ units }) => units.length > 0)
    .forEach(({ block, units }, i) => {
      line(sheet, ROMAN[i] ?? '', block.name, block, true);
      for (const u of units) {
        line(sheet, ++number, u.name, u);
        listed.add(u);
      }
    });
  for (const u of branches.filter((b) => !listed.has(b))) line(sheet, ++number, u.name, u);
  line(sheet, '', 'Tổng cộng', rowOf(sumQuarters(branches), due), true);

  sheet.addRow([]);
  sectionRow(sheet, `II. ${QUOTA_TABLE_TITLES.coordination} (BIỂU PHỐI HỢP)`, columns);
  header(sheet);
  const massOrgs = report.units.filter((u) => u.table === 'coordination');
  massOrgs.forEach((u, i) => line(sheet, i + 1, u.name, u));
  const coordination = report.blocks.find((b) => b.block === 'coordination');
  line(sheet, '', 'Tổng cộng', coordination ?? rowOf(sumQuarters(massOrgs), due), true);

  sheet.addRow([]);
  sectionRow(sheet, 'III. TOÀN ĐẢNG BỘ', columns);
  const committee = report.committee;
  line(sheet, '', committee.unitId ? `Toàn Đảng bộ (${committee.name})` : 'Toàn Đảng bộ', committee, true);
  // A minimum is a year's admissions target: under "Cộng", "Kết nạp", "Chỉ tiêu" and "Thực hiện".
  for (const m of report.minimums)
    bodyRow(sheet, [
      '',
      `Kết nạp tối thiểu, ${QUOTA_MINIMUMS_VI[m.name]}`,
      ...Array<null>(QUARTERS.length * 4 + 2).fill(null),
      m.required,
      m.actual,
      m.met ? QUOTA_STATUS_VI.met : QUOTA_STATUS_VI.behind,
    ]);
  return xlsxBytes(workbook);
}

/**
 * A higher committee's quota roll-up as an Excel workbook, in the layout of the committees' tables:
 * a title with the year, the higher committee and the date of the figures; one row per party
 * committee below it (quarters I–IV and the year × nominations and admissions, each as target and
 * actual, then its status); then "Tổng cộng". Every figure a number.
 */
export async function quotaRollUpXlsx(rollUp: QuotaRollUp): Promise<Buffer> {
  const workbook = reportWorkbook(rollUp.asOf);
  const sheet = reportSheet(workbook, `Chỉ tiêu ${rollUp.year}`, WIDTHS);
  const columns = QUOTA_XLSX_COLUMNS;
  titleRow(sheet, `BIỂU THEO DÕI CHỈ TIÊU PHÁT TRIỂN ĐẢNG VIÊN NĂM ${rollUp.year}`, columns, 'title');
  titleRow(sheet, `${rollUp.committee.name} - số liệu đến ngày ${dmy(rollUp.asOf)}`, columns, 'subtitle');
  sectionRow(sheet, 'CÁC ĐẢNG BỘ TRỰC THUỘC', columns);
  header(sheet);
  rollUp.committees.forEach((c, i) => line(sheet, i + 1, c.name, c));
  line(sheet, '', 'Tổng cộng', rollUp.total, true);
  return xlsxBytes(workbook);
}
