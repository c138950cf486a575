import type { Plan, PlanUnit } from '@ketnap/domain';
import { quotaCsv } from './quota-csv';
import { quotaReport, type QuotaFacts, type QuotaReport, type QuotaUnitInfo } from './quota-report';

const targets = (text: string): PlanUnit['quarters'] =>
  text.split(' ').map((q, i) => {
    const [nominations, admissions] = q.split('/').map(Number);
    return { quarter: (i + 1) as 1 | 2 | 3 | 4, nominations, admissions };
  });
const unit = (unitId: string, table: PlanUnit['table'], text: string): PlanUnit => {
  const quarters = targets(text);
  return {
    unitId,
    name: unitId,
    table,
    quarters,
    total: {
      nominations: quarters.reduce((s, q) => s + q.nominations, 0),
      admissions: quarters.reduce((s, q) => s + q.admissions, 0),
    },
  };
};
const plan: Plan = {
  year: 2024,
  committeeId: 'dong-tien',
  source: 'json',
  units: [
    unit('thon-a', 'branches', '1/0 1/1 0/0 0/0'),
    unit('truong', 'branches', '1/0 0/1 0/0 0/0'),
    unit('hoi-pn', 'coordination', '1/0 0/1 0/0 0/0'),
  ],
  minimums: { total: 2, rural: 1, agency: 1 },
  warnings: [],
};
const units = new Map<string, QuotaUnitInfo>([
  ['dong-tien', { unitId: 'dong-tien', name: 'Đảng ủy xã Đồng Tiến', kind: 'party-committee' }],
  ['thon-a', { unitId: 'thon-a', name: 'Thôn A', kind: 'branch', block: 'rural' }],
  ['truong', { unitId: 'truong', name: 'Trường Mầm non', kind: 'branch', block: 'agency' }],
  ['hoi-pn', { unitId: 'hoi-pn', name: 'Hội Phụ nữ', kind: 'mass-org' }],
  ['thon-b', { unitId: 'thon-b', name: 'Thôn B', kind: 'branch', block: 'rural' }],
]);
const facts: QuotaFacts[] = [
  {
    dossierId: '1',
    branchId: 'thon-a',
    nominatedBy: 'hoi-pn',
    nominatedOn: '2024-02-01',
    decidedOn: '2024-05-02',
    outcome: 'admitted',
  },
  {
    dossierId: '2',
    branchId: 'thon-a',
    nominatedBy: 'thon-a',
    nominatedOn: '2024-03-31',
    decidedOn: '2024-06-30',
    outcome: 'refused',
  },
  {
    dossierId: '3',
    branchId: 'truong',
    nominatedBy: 'truong',
    nominatedOn: '2023-11-20',
    decidedOn: '2024-04-01',
    outcome: 'admitted',
  },
  { dossierId: '4', branchId: 'thon-b', nominatedBy: 'thon-b', nominatedOn: '2024-07-01' },
  {
    dossierId: '5',
    branchId: 'truong',
    nominatedBy: 'truong',
    nominatedOn: '2024-12-31',
    decidedOn: '2025-01-02',
    outcome: 'admitted',
  },
];
/** Per row: actual quarters I–IV as nominations/admissions, then the status. */
const compact = (r: QuotaReport) =>
  [...r.units.map((u) => [u.unitId, u.block]), ...r.blocks.map((b) => [b.block, null]), ['committee', null]].map(
    ([id], i) => {
      const row = [...r.units, ...r.blocks, r.committee][i];
      return [id, row.quarters.map((q) => `${q.actual.nominations}/${q.actual.admissions}`).join(' '), row.status];
    },
  );

describe('quota report', () => {
  const report = quotaReport({ plan, units, facts, asOf: '2024-12-31' });

  it('counts by the rules of DOMAIN.md §5', () => {
    expect(compact(report)).toEqual([
      ['thon-a', '2/0 0/1 0/0 0/0', 'met'],
      ['truong', '0/0 0/1 0/0 1/0', 'met'],
      ['hoi-pn', '1/0 0/1 0/0 0/0', 'met'],
      ['thon-b', '0/0 0/0 1/0 0/0', 'exceeded'],
      ['rural', '2/0 0/1 1/0 0/0', 'exceeded'],
      ['agency', '0/0 0/1 0/0 1/0', 'met'],
      ['coordination', '1/0 0/1 0/0 0/0', 'met'],
      ['committee', '2/0 0/2 1/0 1/0', 'exceeded'],
    ]);
    expect(report.units.find((u) => u.unitId === 'thon-b')).toMatchObject({
      inPlan: false,
      name: 'Thôn B',
      total: { target: { nominations: 0, admissions: 0 } },
    });
    expect(report.committee).toMatchObject({
      name: 'Đảng ủy xã Đồng Tiến',
      total: { target: { nominations: 3, admissions: 2 }, actual: { nominations: 4, admissions: 2 } },
    });
    expect(report.minimums).toEqual([
      { name: 'total', required: 2, actual: 2, met: true },
      { name: 'rural', required: 1, actual: 1, met: true },
      { name: 'agency', required: 1, actual: 1, met: true },
    ]);
    expect(report.rules.length).toBeGreaterThanOrEqual(5);
  });

  it('judges status against the targets of the quarters begun by asOf', () => {
    const early = quotaReport({
      plan,
      units,
      facts: facts
        .filter((f) => f.nominatedOn <= '2024-03-31')
        .map((f) => ({ ...f, decidedOn: undefined, outcome: undefined })),
      asOf: '2024-03-31',
    });
    expect(early.units.map((u) => [u.unitId, u.status])).toEqual([
      ['thon-a', 'exceeded'],
      ['truong', 'behind'],
      ['hoi-pn', 'met'],
    ]);
    expect(quotaReport({ plan, units, facts: [], asOf: '2023-12-31' }).units.every((u) => u.status === 'met')).toBe(
      true,
    );
  });

  it('writes the CSV like the published tables, UTF-8 with a BOM and CRLF', () => {
    const csv = quotaCsv(report);
    expect(
      csv.startsWith(
        '\uFEFFBIỂU THEO DÕI CHỈ TIÊU PHÁT TRIỂN ĐẢNG VIÊN NĂM 2024 (KHỐI CHI BỘ) - số liệu đến ngày 31/12/2024\r\n',
      ),
    ).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines[1]).toBe('Số TT,Tên đơn vị,Quý I,,,,Quý II,,,,Quý III,,,,Quý IV,,,,Cộng,,,,Đánh giá');
    expect(lines[3]).toBe(',,' + Array(5).fill('Chỉ tiêu,Thực hiện,Chỉ tiêu,Thực hiện').join(','));
    expect(lines).toContain('1,Thôn A,1,2,0,0,1,0,1,1,0,0,0,0,0,0,0,0,2,2,1,1,Đạt');
    expect(lines).toContain('3,Thôn B,0,0,0,0,0,0,0,0,0,1,0,0,0,0,0,0,0,1,0,0,Vượt');
    expect(lines).toContain(',"Khối chi bộ cơ quan, đơn vị sự nghiệp",1,0,0,0,0,0,1,1,0,0,0,0,0,1,0,0,1,1,1,1,Đạt');
    expect(lines).toContain(',Tổng cộng,2,2,0,0,1,0,2,2,0,1,0,0,0,1,0,0,3,4,2,2,Vượt');
    expect(lines).toContain('1,Hội Phụ nữ,1,1,0,0,0,0,1,1,0,0,0,0,0,0,0,0,1,1,1,1,Đạt');
    expect(lines).toContain(',Toàn Đảng bộ (Đảng ủy xã Đồng Tiến),2,2,0,0,1,0,2,2,0,1,0,0,0,1,0,0,3,4,2,2,Vượt');
    // Every figure under its own header: a minimum under the year's (Cộng) admissions target and actual.
    const columns = lines[1].split(',');
    const minimum = lines.find((l) => l.startsWith(',"Kết nạp tối thiểu, khối cơ quan"'))!;
    expect(minimum).toBe(',"Kết nạp tối thiểu, khối cơ quan",' + Array(18).fill('').join(',') + ',1,1,Đạt');
    const cells = minimum.replace('"Kết nạp tối thiểu, khối cơ quan"', 'name').split(',');
    expect(cells).toHaveLength(columns.length);
    expect([columns[18], lines[2].split(',')[20], lines[3].split(',')[20], lines[3].split(',')[21]]).toEqual([
      'Cộng',
      'Kết nạp',
      'Chỉ tiêu',
      'Thực hiện',
    ]);
    expect([cells[20], cells[21], columns[22], cells[22]]).toEqual(['1', '1', 'Đánh giá', 'Đạt']);
  });
});
