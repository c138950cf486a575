import { xlsxRows } from '../../testing/xlsx-rows';
import type { AdmissionsReport } from './admissions-report';
import { admissionsXlsx } from './admissions-xlsx';

const tally = (entries: Record<string, number>) =>
  Object.assign(Object.create(null) as Record<string, number>, entries);
const report: AdmissionsReport = {
  year: 2024,
  total: 3,
  women: 2,
  ethnicMinorities: 2,
  religious: 1,
  youthUnionMembers: 2,
  youngUpTo30: 1,
  breakdowns: {
    gender: { female: 2, male: 1 },
    ethnicity: tally({ Kinh: 1, Tày: 2 }),
    religion: tally(JSON.parse('{"__proto__": 1}') as Record<string, number>),
    youthUnion: { member: 2, 'not-member': 1, unknown: 0 },
    ageBand: { 'up-to-30': 1, '31-45': 2, '46-60': 0, 'over-60': 0 },
    education: { 'upper-secondary': 2, university: 1 },
  },
  rules: [],
};

describe('admissions XLSX', () => {
  it('holds the totals and every breakdown in Vietnamese, counts as numbers', async () => {
    const { rows } = await xlsxRows(await admissionsXlsx(report));
    expect(rows[0][0]).toBe('KẾT QUẢ KẾT NẠP ĐẢNG VIÊN NĂM 2024');
    expect(rows[1]).toEqual(['Số TT', 'Nội dung', 'Số lượng']);
    expect(rows.slice(2, 8)).toEqual([
      [1, 'Tổng số đảng viên được kết nạp', 3],
      [2, 'Trong đó: nữ', 2],
      [3, 'Người dân tộc thiểu số', 2],
      [4, 'Người có đạo', 1],
      [5, 'Đoàn viên Đoàn TNCS Hồ Chí Minh', 2],
      [6, 'Đến 30 tuổi', 1],
    ]);
    const section = (title: string) => {
      const at = rows.findIndex((r) => r[0] === title);
      const end = rows.findIndex((r, i) => i > at && r[0] === null);
      return rows.slice(at + 1, end === -1 ? undefined : end);
    };
    expect(section('Theo giới tính')).toEqual([
      [1, 'Nữ', 2],
      [2, 'Nam', 1],
    ]);
    expect(section('Theo dân tộc')).toEqual([
      [1, 'Kinh', 1],
      [2, 'Tày', 2],
    ]);
    expect(section('Theo tôn giáo')).toEqual([[1, '__proto__', 1]]);
    expect(section('Theo đoàn viên Đoàn TNCS Hồ Chí Minh')).toEqual([
      [1, 'Đoàn viên', 2],
      [2, 'Không phải đoàn viên', 1],
      [3, 'Không rõ', 0],
    ]);
    expect(section('Theo độ tuổi (tại ngày quyết định kết nạp)').map((r) => r[1])).toEqual([
      'Đến 30 tuổi',
      'Từ 31 đến 45 tuổi',
      'Từ 46 đến 60 tuổi',
      'Trên 60 tuổi',
    ]);
    expect(section('Theo trình độ học vấn')).toEqual([
      [1, 'Tốt nghiệp trung học phổ thông', 2],
      [2, 'Đại học', 1],
    ]);
  });

  it('shows the candidates whose personal data was erased as "Không rõ" in every breakdown', async () => {
    const erased: AdmissionsReport = {
      ...report,
      total: 4,
      breakdowns: {
        gender: { female: 2, male: 1, unknown: 1 },
        ethnicity: tally({ Kinh: 1, Tày: 2, unknown: 1 }),
        religion: tally({ none: 3, unknown: 1 }),
        youthUnion: { member: 2, 'not-member': 1, unknown: 1 },
        ageBand: { 'up-to-30': 1, '31-45': 2, '46-60': 0, 'over-60': 0, unknown: 1 },
        education: { 'upper-secondary': 2, university: 1, unknown: 1 },
      },
    };
    const { rows } = await xlsxRows(await admissionsXlsx(erased));
    const unknown = rows.filter((r) => r[1] === 'Không rõ');
    expect(unknown).toHaveLength(6);
    expect(unknown.every((r) => r[2] === 1)).toBe(true);
  });
});
