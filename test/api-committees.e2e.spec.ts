import { xlsxRows } from '@ketnap/projections/testing';
import { readFileSync } from 'node:fs';
import { command } from '@ketnap/domain/testing';
import type { AppProcess } from './support/app-process';
import { SEED_TSV, appForSuite, call, eventCount, expectProblem, tokenFor } from './api-support';
import { answerGaps, type OpenApiDocument } from './support/openapi-completeness';
import { settled } from './support/two-communes';

/**
 * API.md "Committees and reports across levels", over HTTP: plans per committee and year, reports per
 * committee and a higher committee's roll-up, the unscoped routes refused with the committees named,
 * scope, and bad input answered with a problem that appends nothing.
 */

const UNITS: Array<[string, Record<string, unknown>]> = [
  ['huyen', { name: 'Huyện ủy Bình Gia', kind: 'higher-committee' }],
  ['xa-dong', { name: 'Đảng ủy xã Đông', kind: 'party-committee', parentId: 'huyen' }],
  ['dong-mot', { name: 'Chi bộ thôn Đông Một', kind: 'branch', parentId: 'xa-dong', block: 'rural' }],
  ['dong-hoi', { name: 'Hội Phụ nữ xã Đông', kind: 'mass-org', parentId: 'xa-dong' }],
  ['xa-tay', { name: 'Đảng ủy xã Tây', kind: 'party-committee', parentId: 'huyen' }],
  ['tay-mot', { name: 'Chi bộ thôn Tây Một', kind: 'branch', parentId: 'xa-tay', block: 'rural' }],
];
const quarters = (n: number) => [1, 2, 3, 4].map((quarter) => ({ quarter, nominations: n, admissions: n }));
const planOf = (committeeId: string, unitId: string, n: number) => ({
  committeeId,
  units: [{ unitId, quarters: quarters(n) }],
});

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe('API committees: plans and reports per committee, rolled up for a higher committee', () => {
  let app: AppProcess;
  appForSuite({}, (started) => (app = started));
  let admin: string;
  let officeDong: string;
  let officeTay: string;
  let doc: OpenApiDocument;
  const as =
    (token: string) =>
    (method: string, path: string, options: { json?: unknown; body?: string; contentType?: string } = {}) =>
      call(app.baseUrl, method, `/api/v1${path}`, { token, ...options });
  /** The answer, which must be one the OpenAPI document lists for the route. */
  const documented = async (method: string, template: string, path: string, token: string) => {
    const answer = await as(token)(method, path);
    const gaps = answerGaps(doc, {
      method,
      template: `/api/v1${template}`,
      status: answer.status,
      contentType: answer.headers.get('content-type'),
      body: answer.body,
    });
    expect({ path, gaps }).toEqual({ path, gaps: [] });
    return answer;
  };

  beforeAll(async () => {
    [admin, officeDong, officeTay] = await Promise.all([
      tokenFor('admin'),
      tokenFor('office', { units: ['xa-dong'] }),
      tokenFor('office', { sub: 'office-tay', units: ['xa-tay'] }),
    ]);
    for (const [id, unit] of UNITS) expect((await as(admin)('PUT', `/units/${id}`, { json: unit })).status).toBe(200);
    doc = (await call(app.baseUrl, 'GET', '/docs-json')).body;
  });

  it('holds a 2024 plan for each committee, each read back on its own route', async () => {
    const dong = await as(admin)('PUT', '/committees/xa-dong/plans/2024', { json: planOf('xa-dong', 'dong-mot', 1) });
    const tay = await as(admin)('PUT', '/committees/xa-tay/plans/2024', { json: planOf('xa-tay', 'tay-mot', 2) });
    expect([dong.status, tay.status]).toEqual([200, 200]);
    expect(dong.body).toMatchObject({ year: 2024, committeeId: 'xa-dong', version: 1 });
    expect(tay.body).toMatchObject({ year: 2024, committeeId: 'xa-tay', version: 1 });
    expect((await as(admin)('GET', '/committees/xa-dong/plans/2024')).body).toEqual(dong.body);
    expect((await as(admin)('GET', '/committees/xa-tay/plans/2024')).body).toEqual(tay.body);
    // A replacement counts its own committee's versions only.
    const again = await as(admin)('PUT', '/committees/xa-tay/plans/2024', { json: planOf('xa-tay', 'tay-mot', 3) });
    expect(again.body).toMatchObject({ committeeId: 'xa-tay', version: 2 });
    expect((await as(admin)('GET', '/committees/xa-dong/plans/2024')).body.version).toBe(1);
  });

  it('reads the published table for the committee of the path, creating its units under it', async () => {
    const seed = readFileSync(SEED_TSV, 'utf8');
    const answer = await as(admin)('PUT', '/committees/xa-tay/plans/2025?createUnits=true', {
      body: seed,
      contentType: 'text/tab-separated-values',
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ year: 2025, committeeId: 'xa-tay', source: 'tsv' });
    expect((await as(admin)('GET', '/units/y-te')).body).toMatchObject({ parentId: 'xa-tay' });
    expectProblem(await as(admin)('GET', '/committees/xa-dong/plans/2025'), 404, 'NOT_FOUND');
  });

  it('answers the unscoped routes with 400 naming the committees, appending nothing', async () => {
    const before = await eventCount(app.baseUrl);
    for (const path of ['/plans/2024', '/reports/quota/2024', '/reports/pipeline', '/reports/admissions/2024']) {
      const answer = await documented('GET', path.replace('2024', '{year}'), path, admin);
      expectProblem(answer, 400, 'COMMITTEE_REQUIRED');
      expect({ path, details: answer.body.details }).toEqual({ path, details: { committees: ['xa-dong', 'xa-tay'] } });
      expect(answer.body.detail).toContain('xa-dong, xa-tay');
    }
    const english = await call(app.baseUrl, 'GET', '/api/v1/reports/pipeline', {
      token: admin,
      headers: { 'accept-language': 'en' },
    });
    expect(english.body.detail).toBe(
      'this deployment holds several party committees (xa-dong, xa-tay): use the route of one (/committees/{committeeId}/…)',
    );
    // A plan naming no committee, sent to the unscoped route, is refused the same way.
    const tsv = await as(admin)('PUT', '/plans/2026', {
      body: readFileSync(SEED_TSV, 'utf8'),
      contentType: 'text/tab-separated-values',
    });
    expectProblem(tsv, 400, 'COMMITTEE_REQUIRED');
    expect(await eventCount(app.baseUrl)).toBe(before);
  });

  it('reports per committee and rolls them up for the higher committee', async () => {
    const nominated = await as(admin)('POST', '/dossiers', {
      json: {
        ...command('NominateCandidate').data,
        branchId: 'dong-mot',
        nominatedBy: 'dong-hoi',
        nominatedOn: '2024-02-01',
      },
    });
    expect(nominated.status).toBe(201);
    await settled(app.baseUrl);
    const dong = (
      await documented(
        'GET',
        '/committees/{committeeId}/reports/quota/{year}',
        '/committees/xa-dong/reports/quota/2024?asOf=2024-12-31',
        admin,
      )
    ).body;
    expect(dong.units.map((u: { unitId: string }) => u.unitId)).toEqual(['dong-mot', 'dong-hoi']);
    expect(dong.committee).toMatchObject({
      unitId: 'xa-dong',
      total: { target: { nominations: 4 }, actual: { nominations: 1 } },
    });
    const tay = (
      await documented(
        'GET',
        '/committees/{committeeId}/reports/quota/{year}',
        '/committees/xa-tay/reports/quota/2024?asOf=2024-12-31',
        admin,
      )
    ).body;
    expect(tay.units.map((u: { unitId: string }) => u.unitId)).toEqual(['tay-mot']);
    const rollUp = (
      await documented(
        'GET',
        '/committees/{committeeId}/reports/quota/{year}',
        '/committees/huyen/reports/quota/2024?asOf=2024-12-31',
        admin,
      )
    ).body;
    expect(rollUp.committee).toEqual({ unitId: 'huyen', name: 'Huyện ủy Bình Gia', kind: 'higher-committee' });
    expect(rollUp.committees.map((c: { unitId: string; total: unknown }) => [c.unitId, c.total])).toEqual([
      // dong-mot 4/4 and dong-hoi (not in the plan, 0) nominated once: counted for the branch and the mass organisation
      ['xa-dong', { target: { nominations: 4, admissions: 4 }, actual: { nominations: 2, admissions: 0 } }],
      ['xa-tay', { target: { nominations: 12, admissions: 12 }, actual: { nominations: 0, admissions: 0 } }],
    ]);
    expect(rollUp.total.total).toEqual({
      target: { nominations: 16, admissions: 16 },
      actual: { nominations: 2, admissions: 0 },
    });
    const pipeline = (
      await documented('GET', '/committees/{committeeId}/reports/pipeline', '/committees/huyen/reports/pipeline', admin)
    ).body;
    expect(pipeline.committees.map((c: { unitId: string; inProgress: number }) => [c.unitId, c.inProgress])).toEqual([
      ['xa-dong', 1],
      ['xa-tay', 0],
    ]);
    const branches = (
      await documented(
        'GET',
        '/committees/{committeeId}/reports/pipeline',
        '/committees/xa-dong/reports/pipeline',
        admin,
      )
    ).body.branches;
    expect(branches.map((b: { branchId: string }) => b.branchId)).toEqual(['dong-mot']);
    const admissions = (
      await documented(
        'GET',
        '/committees/{committeeId}/reports/admissions/{year}',
        '/committees/huyen/reports/admissions/2024',
        admin,
      )
    ).body;
    expect(admissions.committees.map((c: { unitId: string; total: number }) => [c.unitId, c.total])).toEqual([
      ['xa-dong', 0],
      ['xa-tay', 0],
    ]);
    const csv = await call(app.baseUrl, 'GET', '/api/v1/committees/xa-dong/reports/quota/2024', {
      token: admin,
      headers: { accept: 'text/csv' },
    });
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.text).toContain('Chi bộ thôn Đông Một');
    expect(csv.text).not.toContain('Tây');
    const semicolons = await call(app.baseUrl, 'GET', '/api/v1/committees/xa-dong/reports/quota/2024?sep=;', {
      token: admin,
      headers: { accept: 'text/csv' },
    });
    expect(semicolons.text.split('\r\n')[1]).toContain(';');
    const res = await fetch(`${app.baseUrl}/api/v1/committees/xa-dong/reports/quota/2024`, {
      headers: { authorization: `Bearer ${admin}`, accept: XLSX },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/filename="chi-tieu-dang-vien-xa-dong-2024-.*\.xlsx"/);
    const { rows } = await xlsxRows(Buffer.from(await res.arrayBuffer()));
    const names = rows.flat().filter((cell): cell is string => typeof cell === 'string');
    expect(names).toContain('Chi bộ thôn Đông Một');
    expect(names.some((name) => name.includes('Tây'))).toBe(false);
    // A roll-up answers XLSX when asked (issue 15; it answered JSON whatever Accept said): one row per
    // party committee, then the totals, the cells equal to the JSON roll-up's.
    const path = '/api/v1/committees/huyen/reports/quota/2024?asOf=2024-12-31';
    const rolledJson = (await call(app.baseUrl, 'GET', path, { token: admin })).body;
    const rolled = await fetch(`${app.baseUrl}${path}`, {
      headers: { authorization: `Bearer ${admin}`, accept: XLSX },
    });
    expect(rolled.status).toBe(200);
    expect(rolled.headers.get('content-type')).toBe(XLSX);
    expect(rolled.headers.get('content-disposition')).toBe(
      'attachment; filename="chi-tieu-dang-vien-huyen-2024-2024-12-31.xlsx"',
    );
    const rolledRows = (await xlsxRows(Buffer.from(await rolled.arrayBuffer()))).rows;
    expect(rolledRows[1][0]).toBe('Huyện ủy Bình Gia - số liệu đến ngày 31/12/2024');
    type Figures = { target: Record<string, number>; actual: Record<string, number> };
    const cells = (row: { quarters: Figures[]; total: Figures }) =>
      [...row.quarters, row.total].flatMap((f) => [
        f.target.nominations,
        f.actual.nominations,
        f.target.admissions,
        f.actual.admissions,
      ]);
    const body = rolledRows.filter((r) => typeof r[0] === 'number' || r[1] === 'Tổng cộng');
    expect(body.map((r) => [r[0], r[1], ...r.slice(2, 22)])).toEqual([
      ...rolledJson.committees.map((c: { name: string; quarters: Figures[]; total: Figures }, i: number) => [
        i + 1,
        c.name,
        ...cells(c),
      ]),
      [null, 'Tổng cộng', ...cells(rolledJson.total)],
    ]);
    const rolledPipeline = await fetch(`${app.baseUrl}/api/v1/committees/huyen/reports/pipeline`, {
      headers: { authorization: `Bearer ${admin}`, accept: XLSX },
    });
    expect(rolledPipeline.headers.get('content-type')).toBe(XLSX);
  });

  it("narrows the reports to the reader's units: another commune's report is empty, the roll-up keeps its own row", async () => {
    const elsewhere = (await as(officeTay)('GET', '/committees/xa-dong/reports/quota/2024')).body;
    expect(elsewhere.units).toEqual([]);
    expect(elsewhere.minimums).toEqual([]);
    expect(JSON.stringify(elsewhere)).not.toContain('dong-mot');
    const rollUp = (await as(officeDong)('GET', '/committees/huyen/reports/quota/2024')).body;
    expect(rollUp.committees.map((c: { unitId: string }) => c.unitId)).toEqual(['xa-dong']);
    expect(rollUp.scope).toEqual({ committees: ['xa-dong'] });
    expect((await as(officeTay)('GET', '/committees/xa-dong/reports/pipeline')).body.branches).toEqual([]);
    expect(
      (await as(officeTay)('GET', '/committees/huyen/reports/admissions/2024')).body.committees.map(
        (c: { unitId: string }) => c.unitId,
      ),
    ).toEqual(['xa-tay']);
    expectProblem(
      await as(officeDong)('PUT', '/committees/xa-dong/plans/2027', { json: planOf('xa-dong', 'dong-mot', 1) }),
      403,
      'FORBIDDEN',
    );
  });

  it('refuses bad input with a clear problem, appending nothing', async () => {
    const before = await eventCount(app.baseUrl);
    for (const path of [
      '/committees/xa-bac/reports/quota/2024',
      '/committees/dong-mot/reports/pipeline',
      '/committees/xa-bac/reports/admissions/2024',
      '/committees/xa-bac/plans/2024',
      '/committees/huyen/plans/2024',
    ]) {
      const answer = await as(admin)('GET', path);
      expectProblem(answer, 404, 'NOT_FOUND');
      expect({ path, detail: answer.body.detail }).toEqual({
        path,
        detail: expect.stringMatching(/xa-bac|dong-mot|huyen/),
      });
    }
    for (const path of [
      '/committees/xa-dong/reports/quota/1999',
      '/committees/xa-dong/plans/20x4',
      '/committees/Xa_Dong/reports/pipeline',
    ]) {
      const answer = await as(admin)('GET', path);
      expectProblem(answer, 400, 'VALIDATION_FAILED');
    }
    expectProblem(
      await as(admin)('GET', '/committees/xa-dong/reports/quota/2024?asOf=2024-13-01'),
      400,
      'VALIDATION_FAILED',
    );
    expectProblem(await as(admin)('GET', '/committees/xa-dong/reports/quota/2023'), 404, 'PLAN_NOT_FOUND');
    expectProblem(
      await as(admin)('PUT', '/committees/xa-bac/plans/2024', { json: planOf('xa-bac', 'dong-mot', 1) }),
      404,
      'NOT_FOUND',
    );
    expectProblem(
      await as(admin)('PUT', '/committees/huyen/plans/2024', { json: planOf('huyen', 'dong-mot', 1) }),
      404,
      'NOT_FOUND',
    );
    const other = await as(admin)('PUT', '/committees/xa-dong/plans/2024', { json: planOf('xa-tay', 'tay-mot', 1) });
    expectProblem(other, 400, 'VALIDATION_FAILED');
    expect(other.body.errors).toEqual([{ field: 'committeeId', message: expect.stringContaining('xa-dong') }]);
    expectProblem(
      await as(admin)('PUT', '/committees/xa-dong/plans/1999', { json: planOf('xa-dong', 'dong-mot', 1) }),
      400,
      'VALIDATION_FAILED',
    );
    expect(await eventCount(app.baseUrl)).toBe(before);
  });
});
