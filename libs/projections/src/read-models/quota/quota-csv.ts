import { QUARTERS, romanQuarter, type PlanTable } from '@ketnap/domain';
import { quartersBegun, rowOf, sumQuarters, type QuotaReport, type QuotaRow, type QuotaStatus } from './quota-report';

/** A status as the published tables write it (Đánh giá). */
export const QUOTA_STATUS_VI: Record<QuotaStatus, string> = { met: 'Đạt', exceeded: 'Vượt', behind: 'Chưa đạt' };
/** The tables' names, as their titles write them. */
export const QUOTA_TABLE_TITLES: Record<PlanTable, string> = {
  branches: 'KHỐI CHI BỘ',
  coordination: 'KHỐI MTTQ VÀ ĐOÀN THỂ',
};
/** What each minimum counts, after "Kết nạp tối thiểu, ". */
export const QUOTA_MINIMUMS_VI: Record<QuotaReport['minimums'][number]['name'], string> = {
  total: 'toàn Đảng bộ',
  rural: 'khối nông thôn',
  agency: 'khối cơ quan',
};

/** The separators a CSV may use: a comma (RFC 4180), or a semicolon for a spreadsheet set up for Vietnam. */
export const CSV_SEPARATORS = [',', ';'] as const;
export type CsvSeparator = (typeof CSV_SEPARATORS)[number];

/**
 * One CSV field: quoted when it holds the separator, a quote or a line break (RFC 4180). A text that a
 * spreadsheet would read as a formula (starting with `=`, `+`, `-`, `@`, a tab or a carriage return: a
 * unit name is typed by people) is neutralised with a leading apostrophe (OWASP, CSV injection).
 */
export const csvField = (value: string | number, separator: CsvSeparator = ','): string => {
  const text = typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : String(value);
  return /["\r\n]/.test(text) || text.includes(separator) ? `"${text.replace(/"/g, '""')}"` : text;
};

const header = (): Array<Array<string>> => {
  const groups = [...QUARTERS.map((q) => `Quý ${romanQuarter(q)}`), 'Cộng'];
  return [
    ['Số TT', 'Tên đơn vị', ...groups.flatMap((g) => [g, '', '', '']), 'Đánh giá'],
    ['', '', ...groups.flatMap(() => ['Giới thiệu quần chúng ưu tú', '', 'Kết nạp', ''])],
    ['', '', ...groups.flatMap(() => ['Chỉ tiêu', 'Thực hiện', 'Chỉ tiêu', 'Thực hiện'])],
  ];
};

/** Targets and actuals, quarter by quarter then the year: nominations then admissions (the published columns). */
export const figures = (row: QuotaRow): number[] =>
  [...row.quarters, row.total].flatMap((f) => [
    f.target.nominations,
    f.actual.nominations,
    f.target.admissions,
    f.actual.admissions,
  ]);

const line = (number: string | number, name: string, row: QuotaRow): Array<string | number> => [
  number,
  name,
  ...figures(row),
  QUOTA_STATUS_VI[row.status],
];

/** A legal date as Vietnamese documents write it: `dd/mm/yyyy`. */
export const dmy = (date: string): string => date.split('-').reverse().join('/');

/**
 * The quota report laid out like the published tables (biểu giao chỉ tiêu): one table of branches
 * and one of mass organisations, units × quarters I–IV × (nominations, admissions) and "Cộng", each
 * figure as target and actual, with block totals, each table's "Tổng cộng" and the commune's total.
 * UTF-8 with a byte-order mark and CRLF line ends, so Excel shows the Vietnamese text; fields separated
 * by `separator` (a semicolon for Excel set up with Vietnamese regional settings).
 */
export function quotaCsv(report: QuotaReport, separator: CsvSeparator = ','): string {
  const due = quartersBegun(report.year, report.asOf);
  const rows: Array<Array<string | number>> = [];
  for (const table of ['branches', 'coordination'] as const) {
    const units = report.units.filter((u) => u.table === table);
    rows.push(
      [
        `BIỂU THEO DÕI CHỈ TIÊU PHÁT TRIỂN ĐẢNG VIÊN NĂM ${report.year} (${QUOTA_TABLE_TITLES[table]}) - số liệu đến ngày ${dmy(report.asOf)}`,
      ],
      ...header(),
    );
    units.forEach((u, i) => rows.push(line(i + 1, u.name, u)));
    if (table === 'branches')
      for (const block of report.blocks.filter((b) => b.block !== 'coordination'))
        rows.push(line('', block.name, block));
    rows.push(line('', 'Tổng cộng', rowOf(sumQuarters(units), due)), []);
  }
  rows.push(
    line('', report.committee.unitId ? `Toàn Đảng bộ (${report.committee.name})` : 'Toàn Đảng bộ', report.committee),
  );
  // A minimum is a year's admissions target: its figures sit under "Cộng", "Kết nạp", "Chỉ tiêu" and
  // "Thực hiện", its verdict under "Đánh giá", as on every other row.
  const blankUntilYearAdmissions = Array<string>(2 + QUARTERS.length * 4 + 2).fill('');
  for (const m of report.minimums) {
    const row: Array<string | number> = [...blankUntilYearAdmissions, m.required, m.actual, m.met ? 'Đạt' : 'Chưa đạt'];
    row[1] = `Kết nạp tối thiểu, ${QUOTA_MINIMUMS_VI[m.name]}`;
    rows.push(row);
  }
  return `\uFEFF${rows.map((r) => r.map((field) => csvField(field, separator)).join(separator)).join('\r\n')}\r\n`;
}
