// eslint-disable-next-line no-restricted-imports -- the test reads the published seed file; the parser itself does no I/O
import { existsSync, readFileSync } from 'node:fs';
// eslint-disable-next-line no-restricted-imports -- see above
import { join } from 'node:path';
import { parsePlanTsv } from './tsv-plan.parser';
import type { PublishedTable } from './published-plan';
import { renderMessage } from '../messages/catalogue';
import type { MessageRef } from '../messages/message-text';

/** The warnings as an English reader reads them. */
const english = (warnings: readonly MessageRef[]): string[] => warnings.map((w) => renderMessage(w, 'en'));

const repoRoot = join(__dirname, '..', '..', '..', '..');
const fixture = join(repoRoot, 'test', 'fixtures', 'plan-2024-dong-tien.tsv');
const shared = join(repoRoot, '..', 'shared', 'data', 'plan-2024-dong-tien.tsv');
const seed = readFileSync(fixture, 'utf8');

/** Quarters as `nominations/admissions`, I to IV: the seed's figures checked by hand against the file. */
const figures = (table: PublishedTable) =>
  table.rows.map((r) => [r.number, r.name, r.quarters.map((q) => `${q.nominations}/${q.admissions}`).join(' ')]);

describe('parsePlanTsv on the published seed (plan-2024-dong-tien.tsv)', () => {
  const plan = parsePlanTsv(seed);
  const [branches, massOrgs] = plan.tables;

  // The shared folder sits beside the repository in a developer's or CI's checkout, not in every copy.
  (existsSync(shared) ? it : it.skip)(
    `uses a fixture identical to the shared seed file${existsSync(shared) ? '' : ` [skipped: ${shared} is absent]`}`,
    () => {
      expect(seed).toBe(readFileSync(shared, 'utf8'));
    },
  );

  it('reads two tables: the branch block (despite the "KHỎI" typo) and the mass-org coordination table', () => {
    expect(plan.tables.map((t) => [t.index, t.table, renderMessage(t.label, 'en'), t.year])).toEqual([
      [1, 'branches', 'table 1 (branches)', 2024],
      [2, 'coordination', 'table 2 (coordination)', 2024],
    ]);
    expect(branches.title).toContain('(KHỎI CHI BỘ)');
  });

  it('reads every branch row and quarter; "-" is 0 and the blank cells of row 10, quarter IV, are 0', () => {
    expect(figures(branches)).toEqual([
      [1, 'Đèo Cáo - Lân Chàm', '0/0 1/0 0/1 0/0'],
      [2, 'Mỏ Ấm', '0/0 1/0 0/0 0/0'],
      [3, 'Làng Quặng', '0/0 1/0 0/0 0/1'],
      [4, 'Làng Gia', '1/0 0/0 0/1 0/0'],
      [5, 'Lân Luông', '0/0 0/0 1/0 0/0'],
      [6, 'Địa Phận', '0/0 0/0 1/0 0/0'],
      [7, 'Làng Cà', '0/0 1/0 0/0 0/0'],
      [8, 'Liên Phương', '1/0 0/0 0/1 0/0'],
      [9, 'Trường TH&THCS', '2/0 0/1 0/0 0/0'],
      [10, 'Trường Mầm non', '2/0 1/1 0/1 0/0'],
      [11, 'Y tế', '0/0 0/0 1/0 0/0'],
      [12, 'Quân sự xã', '0/0 0/0 1/0 0/0'],
    ]);
    expect(branches.rows[9].publishedTotal).toEqual({ nominations: 3, admissions: 2 });
  });

  it('reads every mass-org row and quarter', () => {
    expect(figures(massOrgs)).toEqual([
      [1, 'Mặt trận Tổ quốc', '0/0 0/0 1/1 0/0'],
      [2, 'Đoàn TNCS HCM', '0/0 1/0 0/1 0/0'],
      [3, 'Hội Cựu chiến binh', '0/0 1/0 0/0 0/1'],
      [4, 'Hội Nông dân', '1/0 1/0 0/1 0/0'],
      [5, 'Hội Phụ nữ', '1/0 1/0 0/1 0/0'],
    ]);
  });

  it('reads the bold totals rows as published', () => {
    const totals = (t: PublishedTable) => [
      t.totalsRow!.quarters.map((q) => `${q.nominations}/${q.admissions}`).join(' '),
      t.totalsRow!.publishedTotal,
    ];
    expect(totals(branches)).toEqual(['6/0 5/2 4/4 0/1', { nominations: 15, admissions: 7 }]);
    expect(totals(massOrgs)).toEqual(['2/0 4/0 1/4 0/1', { nominations: 7, admissions: 5 }]);
  });

  it('warns only about the blank cells: both published totals rows and every row "Cộng" agree with the figures', () => {
    expect(english(plan.warnings)).toEqual([
      'table 1 (branches), row 10 "Trường Mầm non": blank cells read as 0 (Quý IV giới thiệu, Quý IV kết nạp)',
    ]);
  });

  it('gives the warning as a catalogue message, which reads in Vietnamese too', () => {
    expect(plan.warnings.map((w) => renderMessage(w, 'vi'))).toEqual([
      'biểu 1 (khối chi bộ), dòng số 10 "Trường Mầm non": ô trống được đọc là 0 (Quý IV giới thiệu, Quý IV kết nạp)',
    ]);
  });
});

const header = [
  'Số TT\tTên chi bộ\tChỉ tiêu\t\t\t\t\t\t\t\tCộng\t\tGhi chú',
  '\t\tQuý I\t\tQuý II\t\tQuý III\t\tQuý IV\t\tGiới thiệu\tKết nạp\t',
  '\t\tGiới thiệu\tKết nạp\tGiới thiệu\tKết nạp\tGiới thiệu\tKết nạp\tGiới thiệu\tKết nạp\t\t\t',
];
const table = (title: string, ...rows: string[]) => [`**${title}**`, '', ...header, ...rows].join('\n');

describe('parsePlanTsv on tables that contradict themselves or are malformed', () => {
  it('names both numbers when a totals row disagrees with the sum of its rows', () => {
    const text = table(
      'BIỂU GIAO CHỈ TIÊU NĂM 2025 (KHỐI CHI BỘ)',
      '1\tA\t1\t-\t-\t-\t-\t-\t-\t-\t1\t-\t',
      '2\tB\t2\t-\t-\t1\t-\t-\t-\t-\t2\t1\t',
      '\t<b>Tổng cộng</b>\t<b>4</b>\t-\t-\t<b>1</b>\t-\t-\t-\t-\t<b>5</b>\t<b>1</b>\t',
    );
    expect(english(parsePlanTsv(text).warnings)).toEqual([
      'table 1 (branches), totals row: Quý I giới thiệu says 4 but the rows add up to 3',
      'table 1 (branches), totals row: Cộng giới thiệu says 5 but the rows add up to 3',
    ]);
  });

  it('reports a row whose "Cộng" disagrees with its quarters, and keeps the quarters', () => {
    const parsed = parsePlanTsv(table('BIỂU (KHỐI CHI BỘ)', '4\tLàng Gia\t1\t-\t-\t-\t-\t1\t-\t-\t2\t1\t'));
    expect(english(parsed.warnings)).toEqual([
      'table 1 (branches), row 4 "Làng Gia": Cộng giới thiệu says 2 but its quarters add up to 1; the quarters are used',
    ]);
    expect(parsed.tables[0].rows[0].quarters.map((q) => q.nominations)).toEqual([1, 0, 0, 0]);
  });

  it('refuses a cell that is not a count, naming the line and column', () => {
    expect(() => parsePlanTsv(table('BIỂU (KHỐI CHI BỘ)', '1\tA\t1\tx\t-\t-\t-\t-\t-\t-\t1\t-\t'))).toThrow(
      expect.objectContaining({
        name: 'PlanError',
        code: 'PLAN_FORMAT_INVALID',
        message: expect.stringContaining('line 6, column Quý I kết nạp'),
      }),
    );
  });

  it('refuses text without unit rows, a row without a name, a unit listed twice and an unclassifiable line', () => {
    const refuses = (text: string, message: string) =>
      expect(() => parsePlanTsv(text)).toThrow(
        expect.objectContaining({ code: 'PLAN_FORMAT_INVALID', message: expect.stringContaining(message) }),
      );
    refuses('hello\nworld', 'no unit rows found');
    refuses(
      table('BIỂU (KHỐI CHI BỘ)', '1\t\t1\t-\t-\t-\t-\t-\t-\t-\t1\t-\t'),
      'row 1 of table 1 (branches) has no unit name',
    );
    refuses(
      table(
        'BIỂU (KHỐI CHI BỘ)',
        '1\tLàng Gia\t-\t-\t-\t-\t-\t-\t-\t-\t\t\t',
        '2\tlàng  gia\t-\t-\t-\t-\t-\t-\t-\t-\t\t\t',
      ),
      '"làng gia" appears twice',
    );
    refuses(table('BIỂU (KHỐI CHI BỘ)', '1\tA\t-\t-\t-\t-\t-\t-\t-\t-\t\t\t', 'x\ty\tz'), 'line 7: neither a unit row');
  });

  it('reads a table without title or header in the published column order, and says so', () => {
    const parsed = parsePlanTsv('1\tA\t1\t-\t-\t-\t-\t-\t-\t2\t1\t2\t');
    expect(parsed.tables[0].rows[0].quarters.map((q) => [q.nominations, q.admissions])).toEqual([
      [1, 0],
      [0, 0],
      [0, 0],
      [0, 2],
    ]);
    expect(english(parsed.warnings)).toEqual([
      'table 1 (line 1): its title does not say whether it is the branch block or the mass organisations; read as branches',
      'table 1 (branches): no header row; read the columns in the published order (Quý I … Quý IV, then Cộng)',
    ]);
  });
});
