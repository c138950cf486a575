import type { SqliteEventStore } from '@ketnap/event-store';
import { describeWithService } from './support/services';
import { reportsOver, type ReportsHarness } from './support/reports-harness';
import { sumQuarters, type QuotaReport, type QuotaRollUp } from '@ketnap/projections';
import { type ReportsService, type AdmissionsRollUp, type PipelineRollUp, type ScopedActor } from '@ketnap/engine';
import { quotaTable } from './fixtures/quota-year-2024';
import {
  EXPECTED_DONG,
  EXPECTED_ROLL_UP,
  EXPECTED_TAY,
  RECORDED_ON,
  recordTwoCommunes,
} from './fixtures/two-communes-2024';

const ADMIN: ScopedActor = { role: 'admin', unitIds: [] };
const OFFICE_DONG: ScopedActor = { role: 'office', unitIds: ['xa-dong'] };

type Row = QuotaRollUp['total'];
const figures = (row: Row, side: 'target' | 'actual') =>
  row.quarters.map((q) => `${q[side].nominations}/${q[side].admissions}`).join(' ');
const rollUpTable = (report: QuotaRollUp): string[][] =>
  [...report.committees.map((c) => [c.unitId, c] as const), ['total', report.total] as const].map(([id, row]) => [
    id,
    figures(row, 'target'),
    figures(row, 'actual'),
    row.status,
  ]);

function twoCommunesSpecs(postgresUrl?: string): void {
  let harness: ReportsHarness;
  let store: SqliteEventStore;
  let reports: ReportsService;

  beforeAll(async () => {
    harness = await reportsOver('ketnap-committees-', recordTwoCommunes, postgresUrl);
    ({ store, reports } = harness);
  }, 60_000);
  afterAll(() => harness?.close());

  const quota = async (id: string, actor = ADMIN, asOf?: string) =>
    (await reports.committeeQuota(id, 2024, actor, asOf)) as QuotaReport;
  const rollUp = async (actor = ADMIN, asOf?: string) =>
    (await reports.committeeQuota('huyen', 2024, actor, asOf)) as QuotaRollUp;

  it('stores each plan in its own stream: the first commune kept plan-2024, the second has its own', async () => {
    expect((await store.readStream('plan-2024')).map((e) => (e.data as { committeeId: string }).committeeId)).toEqual([
      'xa-dong',
    ]);
    expect((await store.readStream('plan-xa-tay-2024')).map((e) => e.type)).toEqual(['PlanAdopted']);
  });

  it("counts each commune's units, quarters and blocks as its hand-written table says", async () => {
    const dong = await quota('xa-dong');
    expect(dong.asOf).toBe(RECORDED_ON);
    expect(quotaTable(dong)).toEqual(EXPECTED_DONG);
    expect(dong.committee).toMatchObject({ unitId: 'xa-dong', name: 'Đảng ủy xã Đông' });
    expect(dong.scope).toBeUndefined();
    expect(quotaTable(await quota('xa-tay'))).toEqual(EXPECTED_TAY);
  });

  it('rolls the communes up, at any depth, into one row each then the total, as written by hand', async () => {
    const report = await rollUp();
    expect(report.committee).toEqual({ unitId: 'huyen', name: 'Huyện ủy Bình Gia', kind: 'higher-committee' });
    expect(rollUpTable(report)).toEqual(EXPECTED_ROLL_UP);
    expect(report.committees.map((c) => [c.unitId, c.parentId, c.inPlan, c.units])).toEqual([
      ['xa-dong', 'huyen', true, 3],
      ['xa-tay', 'cum-tay', true, 2],
    ]);
  });

  it("equals the sum of each commune's unit rows quarter by quarter, and the total the sum of the communes", async () => {
    const report = await rollUp();
    const dong = await quota('xa-dong');
    const tay = await quota('xa-tay');
    expect(report.committees[0].quarters).toEqual(sumQuarters(dong.units));
    expect(report.committees[1].quarters).toEqual(sumQuarters(tay.units));
    expect(report.total.quarters).toEqual(sumQuarters([...dong.units, ...tay.units]));
    // The intermediate higher committee rolls up the one commune below it.
    expect(rollUpTable((await reports.committeeQuota('cum-tay', 2024, ADMIN)) as QuotaRollUp)).toEqual([
      EXPECTED_ROLL_UP[1],
      ['total', ...EXPECTED_ROLL_UP[1].slice(1)],
    ]);
  });

  it('gives the same reports from the log folded as of today as from the read model', async () => {
    const today = reports.today();
    for (const id of ['xa-dong', 'xa-tay', 'huyen'])
      expect(await reports.committeeQuotaFolded(id, 2024, ADMIN, today)).toEqual(
        await reports.committeeQuota(id, 2024, ADMIN),
      );
  });

  it('counts as of a past date: mid-year, against the quarters begun', async () => {
    const report = await rollUp(ADMIN, '2024-06-30');
    expect(report.asOf).toBe('2024-06-30');
    expect(rollUpTable(report)).toEqual([
      ['xa-dong', '2/0 1/1 1/2 0/1', '2/0 1/2 0/0 0/0', 'exceeded'],
      ['xa-tay', '1/0 2/1 0/1 0/1', '1/1 2/0 0/0 0/0', 'met'],
      ['total', '3/0 3/2 1/3 0/2', '3/1 3/2 0/0 0/0', 'exceeded'],
    ]);
  });

  it("narrows a roll-up to the reader's committees, and a commune's report to its reader's units", async () => {
    const report = await rollUp(OFFICE_DONG);
    expect(rollUpTable(report)).toEqual([EXPECTED_ROLL_UP[0], ['total', ...EXPECTED_ROLL_UP[0].slice(1)]]);
    expect(report.scope).toEqual({ committees: ['xa-dong'] });
    expect((await quota('xa-tay', OFFICE_DONG)).units).toEqual([]);
    expect(quotaTable(await quota('xa-dong', { role: 'secretary', unitIds: ['dong-hai'] }))[0]).toEqual(
      EXPECTED_DONG[1],
    );
  });

  it('rolls the pipeline and the admissions up per commune, then totals', async () => {
    const pipeline = (await reports.committeePipeline('huyen', ADMIN)) as PipelineRollUp;
    const dong = await reports.committeePipeline('xa-dong', ADMIN);
    const tay = await reports.committeePipeline('xa-tay', ADMIN);
    expect('branches' in dong && dong.branches.map((b) => b.branchId)).toEqual(['dong-mot', 'dong-hai']);
    expect(pipeline.committees.map(({ unitId, branches, inProgress }) => [unitId, branches, inProgress])).toEqual([
      ['xa-dong', 2, 3], // A1 and A2 admitted (on probation), A3 in preparation
      ['xa-tay', 1, 2], // B1 and B3 admitted; B2 refused
    ]);
    expect(pipeline.committees.map(({ stages }) => stages)).toEqual([
      'total' in dong && dong.total.stages,
      'total' in tay && tay.total.stages,
    ]);
    expect(pipeline.total.inProgress).toBe(5);
    const admissions = (await reports.committeeAdmissions('huyen', 2024, ADMIN)) as AdmissionsRollUp;
    expect(admissions.committees.map(({ unitId, total, women }) => [unitId, total, women])).toEqual([
      ['xa-dong', 2, 1],
      ['xa-tay', 2, 2],
    ]);
    expect([admissions.total.total, admissions.total.women]).toEqual([4, 3]);
    expect((await reports.committeeAdmissions('xa-tay', 2024, ADMIN)).total).toBe(2);
  });

  it('refuses the unscoped reports with the committees named, and an unknown committee with 404', async () => {
    await expect(reports.quota(2024, ADMIN)).rejects.toMatchObject({
      code: 'COMMITTEE_REQUIRED',
      details: { committees: ['xa-dong', 'xa-tay'] },
    });
    await expect(reports.pipeline(ADMIN)).rejects.toMatchObject({ code: 'COMMITTEE_REQUIRED' });
    await expect(reports.admissions(2024, ADMIN)).rejects.toMatchObject({ code: 'COMMITTEE_REQUIRED' });
    for (const id of ['xa-bac', 'dong-mot'])
      await expect(reports.committeeQuota(id, 2024, ADMIN)).rejects.toMatchObject({
        code: 'NOT_FOUND',
        messageKey: 'NOT_FOUND.committee',
      });
    expect(await reports.committeeQuota('xa-dong', 2023, ADMIN)).toBeUndefined();
  });
}

describe('quota, pipeline and admissions of two communes under one higher committee (read models on SQLite)', () =>
  twoCommunesSpecs());

describeWithService(
  'postgres',
  'quota, pipeline and admissions of two communes under one higher committee (read models on PostgreSQL)',
  (url) => twoCommunesSpecs(url),
);
