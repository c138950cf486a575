import type { Plan, PlanUnit } from '@ketnap/domain';
import { xlsxRows, type ReadCell } from '../../testing/xlsx-rows';
import { quotaCsv } from './quota-csv';
import { quotaReport, type QuotaReport, type QuotaRow, type QuotaUnitInfo } from './quota-report';
import { QUOTA_XLSX_COLUMNS, quotaXlsx } from './quota-xlsx';

const unit = (unitId: string, table: PlanUnit['table'], text: string): PlanUnit => {
  const quarters = text.split(' ').map((q, i) => {
    const [nominations, admissions] = q.split('/').map(Number);
    return { quarter: (i + 1) as 1 | 2 | 3 | 4, nominations, admissions };
  });
  const sum = (key: 'nominations' | 'admissions') => quarters.reduce((s, q) => s + q[key], 0);
  return {
    unitId,
    name: unitId,
    table,
    quarters,
    total: { nominations: sum('nominations'), admissions: sum('admissions') },
  };
};
const plan: Plan = {
  year: 2024,
  committeeId: 'dong-tien',
  source: 'json',
  units: [
    unit('thon-a', 'branches', '1/0 1/1 0/0 0/0'),
    unit('truong', 'branches', '2/0 0/1 0/0 0/1'),
    unit('thon-b', 'branches', '0/0 1/0 1/1 0/0'),
    unit('hoi-pn', 'coordination', '1/0 0/1 0/0 0/0'),
  ],
  minimums: { total: 2, rural: 1, agency: 1 },
  warnings: [],
};
const units = new Map<string, QuotaUnitInfo>([
  ['dong-tien', { unitId: 'dong-tien', name: 'Đảng ủy xã Đồng Tiến', kind: 'party-committee' }],
  ['thon-a', { unitId: 'thon-a', name: 'Thôn A; Bản C', kind: 'branch', block: 'rural' }],
  ['truong', { unitId: 'truong', name: 'Trường Mầm non', kind: 'branch', block: 'agency' }],
  ['thon-b', { unitId: 'thon-b', name: 'Thôn B', kind: 'branch', block: 'rural' }],
  ['hoi-pn', { unitId: 'hoi-pn', name: 'Hội Phụ nữ', kind: 'mass-org' }],
]);
const report: QuotaReport = quotaReport({
  plan,
  units,
  asOf: '2024-09-30',
  facts: [
    {
      dossierId: '1',
      branchId: 'thon-a',
      nominatedBy: 'hoi-pn',
      nominatedOn: '2024-02-01',
      decidedOn: '2024-05-02',
      outcome: 'admitted',
    },
    { dossierId: '2', branchId: 'truong', nominatedBy: 'truong', nominatedOn: '2024-03-01' },
    { dossierId: '3', branchId: 'thon-b', nominatedBy: 'thon-b', nominatedOn: '2024-08-01' },
  ],
});

/** A row's figures as the workbook must hold them: quarters I–IV then the year, each target/actual. */
const expected = (row: QuotaRow): ReadCell[] =>
  [...row.quarters, row.total].flatMap((f) => [
    f.target.nominations,
    f.actual.nominations,
    f.target.admissions,
    f.actual.admissions,
  ]);
const STATUS = { met: 'Đạt', exceeded: 'Vượt', behind: 'Chưa đạt' };

describe('quota XLSX', () => {
  let rows: ReadCell[][];
  let sheet: Awaited<ReturnType<typeof xlsxRows>>['sheet'];
  beforeAll(async () => ({ rows, sheet } = await xlsxRows(await quotaXlsx(report))));
  const rowNamed = (name: string) => {
    const found = rows.filter((r) => r[1] === name);
    expect(found).toHaveLength(1);
    return found[0];
  };

  it('opens with a title naming the year, the committee and the date of the figures', () => {
    expect(rows[0][0]).toBe('BIỂU THEO DÕI CHỈ TIÊU PHÁT TRIỂN ĐẢNG VIÊN NĂM 2024');
    expect(rows[1][0]).toBe('Đảng ủy xã Đồng Tiến - số liệu đến ngày 30/09/2024');
    expect(rows[2][0]).toBe('I. KHỐI CHI BỘ');
    expect(sheet.getCell('A1').isMerged).toBe(true);
  });

  it('has the published header, its group cells merged', () => {
    expect(rows[3].slice(0, 7)).toEqual(['Số TT', 'Tên đơn vị', 'Quý I', null, null, null, 'Quý II']);
    expect(rows[3][18]).toBe('Cộng');
    expect(rows[3][QUOTA_XLSX_COLUMNS - 1]).toBe('Đánh giá');
    expect(rows[4].slice(2, 6)).toEqual(['Giới thiệu quần chúng ưu tú', null, 'Kết nạp', null]);
    expect(rows[5].slice(2, 6)).toEqual(['Chỉ tiêu', 'Thực hiện', 'Chỉ tiêu', 'Thực hiện']);
    expect(sheet.getCell('C4').master.address).toBe('C4');
    expect(sheet.getCell('F4').master.address).toBe('C4');
    expect(sheet.getCell('D5').master.address).toBe('C5');
    expect(sheet.getCell('A6').master.address).toBe('A4');
    expect(sheet.getCell('W6').master.address).toBe('W4');
  });

  it('holds every unit row of the JSON report, quarter by quarter, as numbers, with its status', () => {
    for (const u of report.units) {
      const row = rowNamed(u.name);
      expect(row.slice(2, 22)).toEqual(expected(u));
      expect(row[22]).toBe(STATUS[u.status]);
      expect(row.slice(2, 22).every((cell) => typeof cell === 'number')).toBe(true);
    }
  });

  it('groups the branches by block under their totals, numbers them, then the tables’ totals', () => {
    const names = rows.map((r) => r[1]);
    const at = (name: string) => names.indexOf(name);
    expect(at('Khối chi bộ nông thôn')).toBeLessThan(at('Thôn A; Bản C'));
    expect(at('Thôn B')).toBeLessThan(at('Khối chi bộ cơ quan, đơn vị sự nghiệp'));
    expect(at('Khối chi bộ cơ quan, đơn vị sự nghiệp')).toBeLessThan(at('Trường Mầm non'));
    expect(rows.filter((r) => typeof r[0] === 'number' && r[1] !== 'Hội Phụ nữ').map((r) => r[0])).toEqual([1, 2, 3]);
    for (const block of report.blocks.filter((b) => b.block !== 'coordination')) {
      expect(rowNamed(block.name).slice(2, 23)).toEqual([...expected(block), STATUS[block.status]]);
    }
    const totals = rows.filter((r) => r[1] === 'Tổng cộng');
    const branches = report.blocks.filter((b) => b.block !== 'coordination');
    expect(totals[0].slice(2, 22)).toEqual(
      expected(branches[0]).map((v, i) => (v as number) + (expected(branches[1])[i] as number)),
    );
    const coordination = report.blocks.find((b) => b.block === 'coordination')!;
    expect(totals[1].slice(2, 23)).toEqual([...expected(coordination), STATUS[coordination.status]]);
  });

  it('ends with the committee row and the minimums under the year’s admissions', () => {
    const committee = rowNamed('Toàn Đảng bộ (Đảng ủy xã Đồng Tiến)');
    expect(committee.slice(2, 23)).toEqual([...expected(report.committee), STATUS[report.committee.status]]);
    for (const m of report.minimums) {
      const label = { total: 'toàn Đảng bộ', rural: 'khối nông thôn', agency: 'khối cơ quan' }[m.name];
      const row = rowNamed(`Kết nạp tối thiểu, ${label}`);
      expect(row.slice(2, 20).every((cell) => cell === null)).toBe(true);
      expect(row.slice(20)).toEqual([m.required, m.actual, m.met ? 'Đạt' : 'Chưa đạt']);
    }
  });

  it('writes zeros as numbers shown "-", and is wide enough for the names', () => {
    const cell = sheet.getCell('C8');
    expect(typeof cell.value).toBe('number');
    expect(cell.numFmt).toBe('#,##0;-#,##0;"-"');
    expect(sheet.getColumn(2).width).toBeGreaterThanOrEqual(40);
  });
});

describe('quota CSV separator', () => {
  it('separates with a semicolon on request, quoting a field that holds one, and keeps the BOM', () => {
    const csv = quotaCsv(report, ';');
    expect(csv.startsWith('\uFEFFBIỂU THEO DÕI')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[1]).toBe('Số TT;Tên đơn vị;Quý I;;;;Quý II;;;;Quý III;;;;Quý IV;;;;Cộng;;;;Đánh giá');
    expect(lines).toContain('1;"Thôn A; Bản C";1;1;0;0;1;0;1;1;0;0;0;0;0;0;0;0;2;1;1;1;Chưa đạt');
    expect(lines).toContain(';Khối chi bộ cơ quan, đơn vị sự nghiệp;2;1;0;0;0;0;1;0;0;0;0;0;0;0;1;0;2;1;2;0;Chưa đạt');
    expect(quotaCsv(report)).toContain('1,Thôn A; Bản C,1,1,0,0,1,0,1,1,');
  });
});
