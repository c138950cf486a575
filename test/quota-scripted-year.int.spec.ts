import { describeWithService } from './support/services';
import { reportsOver, type ReportsHarness } from './support/reports-harness';
import { EXPECTED_2024, RECORDED_ON, quotaTable, recordYear2024 } from './fixtures/quota-year-2024';
import type { ReportsService } from '@ketnap/engine';

const ADMIN = { role: 'admin', unitIds: [] };

function scriptedYearSpecs(postgresUrl?: string): void {
  let harness: ReportsHarness;
  let reports: ReportsService;

  beforeAll(async () => {
    harness = await reportsOver('ketnap-quota-', recordYear2024, postgresUrl);
    ({ reports } = harness);
  }, 60_000);
  afterAll(() => harness?.close());

  it('counts every unit, quarter and block as the hand-written table says', async () => {
    const report = (await reports.quota(2024, ADMIN))!;
    expect(report.asOf).toBe(RECORDED_ON);
    expect(quotaTable(report)).toEqual(EXPECTED_2024);
    expect(report.units.every((u) => u.inPlan)).toBe(true);
    expect(report.units.filter((u) => u.table === 'coordination').map((u) => u.unitId)).toEqual(
      EXPECTED_2024.slice(12, 17).map(([id]) => id),
    );
    expect(report.minimums).toEqual([
      { name: 'total', required: 6, actual: 7, met: true },
      { name: 'rural', required: 3, actual: 4, met: true },
      { name: 'agency', required: 3, actual: 3, met: true },
    ]);
  });

  it('gives the same report from the log folded as of today as from the read model', async () => {
    expect(await reports.quotaFolded(2024, ADMIN, reports.today())).toEqual(await reports.quota(2024, ADMIN));
  });

  it('counts as the record stood on a past date: the corrections of 2025 are not in the report as of 31/12/2024', async () => {
    const rows = new Map(quotaTable((await reports.quota(2024, ADMIN, '2024-12-31'))!).map((row) => [row[0], row]));
    expect(rows.get('y-te')).toEqual(['y-te', '0/0 0/0 1/0 0/0', '0/0 0/0 1/0 0/0', 'met']);
    expect(rows.get('truong-th-thcs')).toEqual(['truong-th-thcs', '2/0 0/1 0/0 0/0', '2/0 0/1 0/0 0/0', 'met']);
    expect(rows.get('truong-mam-non')).toEqual(['truong-mam-non', '2/0 1/1 0/1 0/0', '1/0 1/1 0/0 0/1', 'behind']);
    expect(rows.get('committee')).toEqual(['committee', '6/0 5/2 4/4 0/1', '6/0 4/2 2/3 1/2', 'behind']);
  });

  it('judges a report as of mid-year against the quarters begun', async () => {
    const rows = new Map(quotaTable((await reports.quota(2024, ADMIN, '2024-06-30'))!).map((row) => [row[0], row]));
    expect(rows.get('lang-gia')).toEqual(['lang-gia', '1/0 0/0 0/1 0/0', '1/0 0/0 0/0 0/0', 'met']);
    expect(rows.get('mat-tran-to-quoc')).toEqual(['mat-tran-to-quoc', '0/0 0/0 1/1 0/0', '0/0 0/0 0/0 0/0', 'met']);
    expect(rows.get('lang-quang')).toEqual(['lang-quang', '0/0 1/0 0/0 0/1', '1/0 0/0 0/0 0/0', 'met']);
    expect(rows.get('committee')?.[2]).toBe('6/0 4/2 0/0 0/0');
  });

  it('answers nothing for a year without a plan', async () => {
    expect(await reports.quota(2023, ADMIN)).toBeUndefined();
  });
}

describe('quota report of a scripted year on the seed plan (read models on SQLite)', () => scriptedYearSpecs());

describeWithService('postgres', 'quota report of a scripted year on the seed plan (read models on PostgreSQL)', (url) =>
  scriptedYearSpecs(url),
);
