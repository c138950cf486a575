import { rmSync } from 'node:fs';
import { startApp, type AppProcess } from './support/app-process';
import { eventStoreOf } from './support/e2e-store';
import { AUTH_SECRET, call, expectProblem, readModelsCaughtUp, tempDataDir, tokenFor } from './api-support';
import {
  EXPECTED_2024,
  OFFICE,
  RECORDED_AT,
  RECORDED_ON,
  quotaTable,
  recordYear2024,
} from './fixtures/quota-year-2024';
import { createVietnamCalendar } from '@ketnap/domain';
import { ManualClock, DossierService } from '@ketnap/engine';
import { recordScript } from '../apps/cli/src/demo/dossier-script';
import type { QuotaRow, QuotaStatus } from '@ketnap/projections';
import { xlsxRows } from '@ketnap/projections/testing';

describe('API reports and dossier list', () => {
  let app: AppProcess;
  let dataDir: string;
  let viewer: string;
  const get = (path: string, token = viewer, headers: Record<string, string> = {}) =>
    call(app.baseUrl, 'GET', path, { token, headers });

  beforeAll(async () => {
    dataDir = tempDataDir();
    const store = await eventStoreOf(dataDir);
    await recordYear2024(store);
    await store.close();
    app = await startApp({
      KETNAP_DATA_DIR: dataDir,
      AUTH_SECRET,
      KETNAP_CLOCK: 'manual',
      KETNAP_START_AT: RECORDED_AT,
    });
    viewer = await tokenFor('viewer', { units: ['dong-tien'] });
    await readModelsCaughtUp(app.baseUrl);
  }, 60_000);
  afterAll(async () => {
    await app?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers the quota report as the hand-written table says, as of today or a past date', async () => {
    const answer = await get('/api/v1/reports/quota/2024');
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      year: 2024,
      asOf: RECORDED_ON,
      committee: { unitId: 'dong-tien', name: 'Đảng ủy xã Đồng Tiến' },
    });
    expect(quotaTable(answer.body)).toEqual(EXPECTED_2024);
    expect(answer.body.rules).toEqual(
      expect.arrayContaining([expect.stringContaining('quarter of the admission decision date')]),
    );
    const past = await get('/api/v1/reports/quota/2024?asOf=2024-12-31');
    expect(past.body.asOf).toBe('2024-12-31');
    expect(quotaTable(past.body).find(([id]) => id === 'y-te')).toEqual([
      'y-te',
      '0/0 0/0 1/0 0/0',
      '0/0 0/0 1/0 0/0',
      'met',
    ]);
  });

  it('answers the quota report as CSV laid out like the published table, UTF-8 with a BOM', async () => {
    const res = await fetch(`${app.baseUrl}/api/v1/reports/quota/2024`, {
      headers: { authorization: `Bearer ${viewer}`, accept: 'text/csv' },
    });
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="chi-tieu-dang-vien-2024-${RECORDED_ON}.csv"`,
    );
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toBe(
      'BIỂU THEO DÕI CHỈ TIÊU PHÁT TRIỂN ĐẢNG VIÊN NĂM 2024 (KHỐI CHI BỘ) - số liệu đến ngày 15/01/2025',
    );
    expect(lines).toContain('1,Đèo Cáo - Lân Chàm,0,0,0,0,1,1,0,0,0,0,1,1,0,0,0,0,1,1,1,1,Đạt');
    expect(lines).toContain('6,Địa Phận,0,0,0,0,0,0,0,0,1,0,0,0,0,0,0,0,1,0,0,0,Chưa đạt');
    expect(lines).toContain(',Tổng cộng,6,6,0,0,5,4,2,2,4,1,4,4,0,2,1,1,15,13,7,7,Chưa đạt');
    expect(lines).toContain('5,Hội Phụ nữ,1,2,0,0,1,1,0,1,0,0,1,0,0,0,0,0,2,3,1,1,Vượt');
  });

  const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  const download = async (path: string, accept: string) => {
    const res = await fetch(`${app.baseUrl}${path}`, { headers: { authorization: `Bearer ${viewer}`, accept } });
    return { res, bytes: Buffer.from(await res.arrayBuffer()) };
  };

  it('answers the quota report as XLSX laid out like the published table, holding the JSON figures', async () => {
    const json = (await get('/api/v1/reports/quota/2024')).body;
    const { res, bytes } = await download('/api/v1/reports/quota/2024', XLSX);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(XLSX);
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="chi-tieu-dang-vien-2024-${RECORDED_ON}.xlsx"`,
    );
    const { rows } = await xlsxRows(bytes);
    expect(rows[0][0]).toBe('BIỂU THEO DÕI CHỈ TIÊU PHÁT TRIỂN ĐẢNG VIÊN NĂM 2024');
    expect(rows[1][0]).toBe('Đảng ủy xã Đồng Tiến - số liệu đến ngày 15/01/2025');
    const figures = (row: QuotaRow) =>
      [...row.quarters, row.total].flatMap((f) => [
        f.target.nominations,
        f.actual.nominations,
        f.target.admissions,
        f.actual.admissions,
      ]);
    const status = { met: 'Đạt', exceeded: 'Vượt', behind: 'Chưa đạt' } as const;
    const named = (name: string) => rows.filter((r) => r[1] === name);
    for (const row of [...json.units, ...json.blocks.filter((b: { block: string }) => b.block !== 'coordination')])
      expect(named(row.name).map((r) => r.slice(2))).toEqual([[...figures(row), status[row.status as QuotaStatus]]]);
    expect(named('Toàn Đảng bộ (Đảng ủy xã Đồng Tiến)').map((r) => r.slice(2))).toEqual([
      [...figures(json.committee), status[json.committee.status as QuotaStatus]],
    ]);
    expect(named('Tổng cộng').map((r) => r.slice(2).join(','))).toEqual([
      '6,6,0,0,5,4,2,2,4,1,4,4,0,2,1,1,15,13,7,7,Chưa đạt',
      '2,5,0,0,4,2,0,2,1,1,4,2,0,1,1,1,7,9,5,5,Vượt',
    ]);
    expect(named('Đèo Cáo - Lân Chàm')[0][0]).toBe(1);
  });

  it('answers the pipeline and the admissions as XLSX holding the JSON counts', async () => {
    const pipeline = (await get('/api/v1/reports/pipeline')).body;
    const sheet = await download('/api/v1/reports/pipeline', XLSX);
    expect(sheet.res.headers.get('content-type')).toBe(XLSX);
    expect(sheet.res.headers.get('content-disposition')).toBe(
      `attachment; filename="tien-do-ho-so-${RECORDED_ON}.xlsx"`,
    );
    const { rows } = await xlsxRows(sheet.bytes);
    const counts = (b: { stages: Record<string, number>; inProgress: number; failedVotes: number }) => [
      ...pipeline.stages.map((s: string) => b.stages[s]),
      b.inProgress,
      b.failedVotes,
    ];
    for (const b of pipeline.branches) expect(rows.find((r) => r[1] === b.name)!.slice(3)).toEqual(counts(b));
    expect(rows.find((r) => r[1] === 'Tổng cộng')!.slice(3)).toEqual(counts(pipeline.total));

    const admissions = (await get('/api/v1/reports/admissions/2024')).body;
    const book = await download('/api/v1/reports/admissions/2024', XLSX);
    expect(book.res.headers.get('content-disposition')).toBe('attachment; filename="ket-nap-dang-vien-2024.xlsx"');
    const table = (await xlsxRows(book.bytes)).rows;
    expect(table.slice(2, 8).map((r) => r[2])).toEqual([
      admissions.total,
      admissions.women,
      admissions.ethnicMinorities,
      admissions.religious,
      admissions.youthUnionMembers,
      admissions.youngUpTo30,
    ]);
    expect(table.find((r) => r[1] === 'Nữ')![2]).toBe(admissions.breakdowns.gender.female);
    // JSON stays the answer to a client that asks for none of the files.
    expect((await get('/api/v1/reports/pipeline', viewer, { accept: '*/*' })).body).toEqual(pipeline);
  });

  it('separates the CSV with semicolons on ?sep=; and refuses any other separator, listing every bad field', async () => {
    const { res, bytes } = await download('/api/v1/reports/quota/2024?sep=;', 'text/csv');
    expect(res.status).toBe(200);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines).toContain('1;Đèo Cáo - Lân Chàm;0;0;0;0;1;1;0;0;0;0;1;1;0;0;0;0;1;1;1;1;Đạt');
    expect((await download('/api/v1/reports/quota/2024?sep=%3B', 'text/csv')).bytes).toEqual(bytes);
    expect((await download('/api/v1/reports/quota/2024?sep=,', 'text/csv')).bytes.toString()).toContain(
      '1,Đèo Cáo - Lân Chàm,0,0,',
    );
    const bad = await get('/api/v1/reports/quota/2024?sep=%09&asOf=2024-02-30', viewer, { accept: 'text/csv' });
    expectProblem(bad, 400, 'VALIDATION_FAILED');
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['asOf', 'sep']);
    expectProblem(await get('/api/v1/reports/quota/2024?sep=|'), 400, 'VALIDATION_FAILED');
  });

  it('answers 404 for a year without a plan, 400 for a bad date, 403 to a role without reports:read', async () => {
    expectProblem(await get('/api/v1/reports/quota/2030'), 404, 'PLAN_NOT_FOUND');
    expectProblem(await get('/api/v1/reports/quota/2024?asOf=2024-02-30'), 400, 'VALIDATION_FAILED');
    expectProblem(
      await get('/api/v1/reports/pipeline', await tokenFor('mass-org', { units: ['hoi-phu-nu'] })),
      403,
      'FORBIDDEN',
    );
    expectProblem(await call(app.baseUrl, 'GET', '/api/v1/reports/admissions/2024'), 401, 'UNAUTHENTICATED');
  });

  it('answers the pipeline per branch and the admissions breakdown', async () => {
    const pipeline = (await get('/api/v1/reports/pipeline')).body;
    expect(pipeline.asOf).toBe(RECORDED_ON);
    expect(pipeline.branches).toHaveLength(12);
    const branch = (id: string) => pipeline.branches.find((b: { branchId: string }) => b.branchId === id);
    expect(branch('deo-cao-lan-cham')).toMatchObject({
      name: 'Đèo Cáo - Lân Chàm',
      block: 'rural',
      inProgress: 2,
      stages: { admitted: 1, proposed: 1 },
    });
    expect(branch('dia-phan')).toMatchObject({ inProgress: 0 });
    expect(pipeline.total).toMatchObject({
      inProgress: 13,
      stages: {
        admitted: 8,
        refused: 1,
        withdrawn: 1,
        nominated: 2,
        'in-preparation': 1,
        proposed: 1,
        'awaiting-decision': 1,
      },
    });
    const admissions = (await get('/api/v1/reports/admissions/2024')).body;
    expect(admissions).toMatchObject({ year: 2024, total: 7, women: 4, ethnicMinorities: 6, youngUpTo30: 3 });
    expect(admissions.breakdowns.ageBand).toEqual({ 'up-to-30': 3, '31-45': 4, '46-60': 0, 'over-60': 0 });
  });

  it('lists dossiers with filters, name search without diacritics, and a cursor', async () => {
    const all = (await get('/api/v1/dossiers?limit=500')).body;
    expect(all.items).toHaveLength(15);
    expect(all.items[0]).toMatchObject({
      branchId: 'y-te',
      nominatedOn: '2024-10-02',
      stage: 'nominated',
      candidate: { fullName: 'Lăng Thị Cúc' },
    });
    const names = async (query: string) =>
      (await get(`/api/v1/dossiers?${query}`)).body.items.map(
        (i: { candidate: { fullName: string } }) => i.candidate.fullName,
      );
    expect(await names('q=nguyen%20thi')).toEqual(['Nguyễn Thị Hoa', 'Nguyễn Thị Thu']);
    expect(await names('q=DAO')).toEqual(['Hoàng Thị Đào']);
    expect(await names('branchId=truong-mam-non&stage=admitted')).toEqual(['Đặng Thị Yến', 'Vi Thị Lan']);
    const first = (await get('/api/v1/dossiers?limit=10')).body;
    const second = (await get(`/api/v1/dossiers?limit=10&cursor=${first.nextCursor}`)).body;
    expect([...first.items, ...second.items].map((i: { id: string }) => i.id)).toEqual(
      all.items.map((i: { id: string }) => i.id),
    );
    expect(second.nextCursor).toBeNull();
    expectProblem(await get('/api/v1/dossiers?limit=501&stage=done'), 400, 'VALIDATION_FAILED');
    const overdue = await names('overdue=true&limit=500');
    expect(overdue).toContain('Nguyễn Thị Hoa');
    expect(overdue).not.toContain('Lăng Thị Cúc');
  });

  it('shows a secretary only its branches and a mass organisation only what it nominated', async () => {
    const secretary = await tokenFor('secretary', { units: ['lang-gia'] });
    expect(
      (await get('/api/v1/dossiers', secretary)).body.items.map(
        (i: { candidate: { fullName: string } }) => i.candidate.fullName,
      ),
    ).toEqual(['Nguyễn Thị Hoa', 'Hà Văn Lợi']);
    expect((await get('/api/v1/dossiers?branchId=mo-am', secretary)).body.items).toEqual([]);
    const massOrg = await tokenFor('mass-org', { units: ['hoi-phu-nu'] });
    expect(
      (await get('/api/v1/dossiers', massOrg)).body.items.map((i: { nominatedBy: string }) => i.nominatedBy),
    ).toEqual(['hoi-phu-nu', 'hoi-phu-nu', 'hoi-phu-nu']);
  });

  it("shows a new dossier in the list within a second, and reports the read models' lag", async () => {
    const store = await eventStoreOf(dataDir);
    const service = new DossierService(store, new ManualClock(new Date(RECORDED_AT)), createVietnamCalendar());
    const started = Date.now();
    await recordScript(service, OFFICE, [
      {
        branchId: 'dia-phan',
        nominatedBy: 'dia-phan',
        nominatedOn: '2025-01-14',
        candidate: {
          fullName: 'Mã Thị Xuân',
          birthDate: '1996-01-01',
          gender: 'female',
          ethnicity: 'Tày',
          educationLevel: 'college',
        },
      },
    ]);
    await store.close();
    let found = 0;
    while (found === 0 && Date.now() - started < 5000)
      found = (await get('/api/v1/dossiers?q=ma%20thi%20xuan')).body.items.length;
    expect(found).toBe(1);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await readModelsCaughtUp(app.baseUrl)).toMatchObject({
      'projection:dossier-list': 0,
      'projection:quota': 0,
      'projection:pipeline': 0,
      'projection:admissions': 0,
    });
    expect((await call(app.baseUrl, 'GET', '/metrics')).text).toContain(
      'ketnap_consumer_lag_events{consumer="projection:quota"} 0',
    );
  });
});
