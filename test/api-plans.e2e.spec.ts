import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { startApp, type AppProcess } from './support/app-process';
import { e2eStoreEnv, queryStoreTables } from './support/e2e-store';
import {
  AUTH_SECRET,
  REPO,
  SEED_TSV,
  appForSuite,
  call,
  eventCount,
  expectProblem,
  readModelsCaughtUp,
  tempDataDir,
  tokenFor,
} from './api-support';

const seed = readFileSync(SEED_TSV, 'utf8');
const TSV = 'text/tab-separated-values';
/** The warnings are asserted in English here; Vietnamese is the default, checked on its own. */
const EN = { 'Accept-Language': 'en' };

/** The seed as published, checked by hand: unit id, table, quarters I–IV as nominations/admissions. */
const SEED_UNITS = [
  ['deo-cao-lan-cham', 'branches', '0/0 1/0 0/1 0/0'],
  ['mo-am', 'branches', '0/0 1/0 0/0 0/0'],
  ['lang-quang', 'branches', '0/0 1/0 0/0 0/1'],
  ['lang-gia', 'branches', '1/0 0/0 0/1 0/0'],
  ['lan-luong', 'branches', '0/0 0/0 1/0 0/0'],
  ['dia-phan', 'branches', '0/0 0/0 1/0 0/0'],
  ['lang-ca', 'branches', '0/0 1/0 0/0 0/0'],
  ['lien-phuong', 'branches', '1/0 0/0 0/1 0/0'],
  ['truong-th-thcs', 'branches', '2/0 0/1 0/0 0/0'],
  ['truong-mam-non', 'branches', '2/0 1/1 0/1 0/0'],
  ['y-te', 'branches', '0/0 0/0 1/0 0/0'],
  ['quan-su-xa', 'branches', '0/0 0/0 1/0 0/0'],
  ['mat-tran-to-quoc', 'coordination', '0/0 0/0 1/1 0/0'],
  ['doan-tncs-hcm', 'coordination', '0/0 1/0 0/1 0/0'],
  ['hoi-cuu-chien-binh', 'coordination', '0/0 1/0 0/0 0/1'],
  ['hoi-nong-dan', 'coordination', '1/0 1/0 0/1 0/0'],
  ['hoi-phu-nu', 'coordination', '1/0 1/0 0/1 0/0'],
];
const AGENCY = ['truong-th-thcs', 'truong-mam-non', 'y-te', 'quan-su-xa'];

type PlanUnit = { unitId: string; table: string; quarters: { nominations: number; admissions: number }[] };
/** Events in a data dir's store, 0 when it has none yet. */
const eventsIn = async (dataDir: string): Promise<number> =>
  (await queryStoreTables<{ n: number }>(dataDir, 'SELECT CAST(COUNT(*) AS INTEGER) AS n FROM events'))[0]?.n ?? 0;
const compact = (units: PlanUnit[]) =>
  units.map((u) => [u.unitId, u.table, u.quarters.map((q) => `${q.nominations}/${q.admissions}`).join(' ')]);

describe('API plans', () => {
  let app: AppProcess;
  let dataDir: string;
  let admin: string;
  const put = (path: string, options: Parameters<typeof call>[3] = {}) =>
    call(app.baseUrl, 'PUT', path, { token: admin, ...options });

  appForSuite({}, (started, dir) => {
    app = started;
    dataDir = dir;
  });
  beforeAll(async () => {
    admin = await tokenFor('admin', { sub: 'admin-7' });
    await put('/api/v1/units/dong-tien', { json: { name: 'Đảng ủy xã Đồng Tiến', kind: 'party-committee' } });
  });
  it('refuses the seed with 422 naming the unknown units when createUnits is off, appending nothing', async () => {
    const answer = await put('/api/v1/plans/2024', { body: seed, contentType: TSV });
    expectProblem(answer, 422, 'UNKNOWN_UNIT');
    expect(answer.body.details.names).toHaveLength(17);
    expect(answer.body.details.names).toContain('Trường Mầm non');
    expect(await eventCount(app.baseUrl)).toBe(1);
  });

  it('imports the seed with createUnits: every unit, quarter and warning, under the sole committee', async () => {
    const answer = await put('/api/v1/plans/2024?createUnits=true&minTotal=6&minRural=3&minAgency=3', {
      body: seed,
      contentType: TSV,
      headers: { 'Idempotency-Key': 'seed-2024', ...EN },
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      year: 2024,
      version: 1,
      committeeId: 'dong-tien',
      source: 'tsv',
      minimums: { total: 6, rural: 3, agency: 3 },
    });
    expect(compact(answer.body.units)).toEqual(SEED_UNITS);
    expect(answer.body.units.find((u: { unitId: string }) => u.unitId === 'truong-mam-non').total).toEqual({
      nominations: 3,
      admissions: 2,
    });
    expect(answer.body.warnings).toEqual([
      'table 1 (branches), row 10 "Trường Mầm non": blank cells read as 0 (Quý IV giới thiệu, Quý IV kết nạp)',
      'created 17 units missing from the catalog: 12 branches, 5 mass organisations',
      expect.stringMatching(
        /^block of the created branches inferred from their names \(Trường, Mầm non, Y tế, Quân sự → agency, others rural\): agency: Trường TH&THCS \(truong-th-thcs\), Trường Mầm non \(truong-mam-non\), Y tế \(y-te\), Quân sự xã \(quan-su-xa\); rural: Đèo Cáo/,
      ),
      expect.stringMatching(/^created mass organisations: Mặt trận Tổ quốc \(mat-tran-to-quoc\)/),
      'committeeMembers of dong-tien is not set: the committee resolutions cannot be checked against 2/3 until it is (PUT /api/v1/units/dong-tien)',
      expect.stringMatching(/^12 branches have no officialMembers: .* \(deo-cao-lan-cham, mo-am, /),
    ]);
    expect(await eventCount(app.baseUrl)).toBe(1 + 17 + 1);

    const resend = await put('/api/v1/plans/2024?createUnits=true&minTotal=6&minRural=3&minAgency=3', {
      body: seed,
      contentType: TSV,
      headers: { 'Idempotency-Key': 'seed-2024', ...EN },
    });
    expect(resend.body).toEqual(answer.body);
    expect(await eventCount(app.baseUrl)).toBe(19);
    // The same plan again, as a new request: nothing recorded, the adopted plan and its version answer.
    const same = await put('/api/v1/plans/2024?createUnits=true&minTotal=6&minRural=3&minAgency=3', {
      body: seed,
      contentType: TSV,
      headers: EN,
    });
    expect({ status: same.status, body: same.body }).toEqual({ status: 200, body: answer.body });
    expect(await eventCount(app.baseUrl)).toBe(19);
    expect(
      (
        await call(app.baseUrl, 'GET', '/api/v1/plans/2024', {
          token: await tokenFor('viewer', { units: ['dong-tien'] }),
          headers: EN,
        })
      ).body,
    ).toEqual(answer.body);
  });

  it('answers the same warnings in Vietnamese by default, and in the language Accept-Language asks', async () => {
    const viewer = await tokenFor('viewer', { units: ['dong-tien'] });
    const vi = await call(app.baseUrl, 'GET', '/api/v1/plans/2024', { token: viewer });
    expect(vi.headers.get('content-language')).toBe('vi');
    expect(vi.headers.get('vary')).toMatch(/Accept-Language/);
    expect(vi.body.warnings).toEqual([
      'biểu 1 (khối chi bộ), dòng số 10 "Trường Mầm non": ô trống được đọc là 0 (Quý IV giới thiệu, Quý IV kết nạp)',
      'đã tạo 17 đơn vị chưa có trong danh mục: 12 chi bộ, 5 tổ chức đoàn thể',
      expect.stringMatching(
        /^khối của các chi bộ vừa tạo được suy ra từ tên \(Trường, Mầm non, Y tế, Quân sự → khối cơ quan, còn lại khối nông thôn\): khối cơ quan: Trường TH&THCS \(truong-th-thcs\), .*; khối nông thôn: Đèo Cáo/,
      ),
      expect.stringMatching(/^đã tạo các tổ chức đoàn thể: Mặt trận Tổ quốc \(mat-tran-to-quoc\)/),
      'chưa đặt committeeMembers của dong-tien: chưa thể kiểm tra nghị quyết của đảng ủy theo tỷ lệ 2/3 cho đến khi đặt (PUT /api/v1/units/dong-tien)',
      expect.stringMatching(/^12 chi bộ chưa có officialMembers: .* \(deo-cao-lan-cham, mo-am, /),
    ]);
    const en = await call(app.baseUrl, 'GET', '/api/v1/plans/2024', { token: viewer, headers: EN });
    expect(en.headers.get('content-language')).toBe('en');
    expect(en.body.warnings[0]).toBe(
      'table 1 (branches), row 10 "Trường Mầm non": blank cells read as 0 (Quý IV giới thiệu, Quý IV kết nạp)',
    );
    // Only the warnings are in a language: the rest of the plan is the same whatever is asked.
    expect({ ...en.body, warnings: [] }).toEqual({ ...vi.body, warnings: [] });
    const committee = await call(app.baseUrl, 'GET', '/api/v1/committees/dong-tien/plans/2024', {
      token: viewer,
      headers: { 'Accept-Language': 'vi-VN' },
    });
    expect(committee.body.warnings).toEqual(vi.body.warnings);
  });

  it('created the branches with their inferred block and the mass orgs, all under the committee', async () => {
    const { items } = (await call(app.baseUrl, 'GET', '/api/v1/units', { token: admin })).body;
    expect(items).toHaveLength(18);
    for (const [unitId, table] of SEED_UNITS) {
      const unit = items.find((u: { unitId: string }) => u.unitId === unitId);
      const expected =
        table === 'branches'
          ? { kind: 'branch', block: AGENCY.includes(unitId) ? 'agency' : 'rural' }
          : { kind: 'mass-org' };
      expect(unit).toMatchObject({ ...expected, parentId: 'dong-tien', version: 1 });
    }
  });

  it('replaces the plan under If-Match, refuses a stale one with 409, and says when the title names another year', async () => {
    const again = await put('/api/v1/plans/2024', {
      body: seed,
      contentType: TSV,
      headers: { 'If-Match': '1', ...EN },
    });
    expect(again.body).toMatchObject({ version: 2, warnings: [expect.stringContaining('blank cells')] });
    expect(again.body).not.toHaveProperty('minimums');
    expectProblem(
      await put('/api/v1/plans/2024', { body: seed, contentType: TSV, headers: { 'If-Match': '1' } }),
      409,
      'VERSION_CONFLICT',
    );
    const other = await put('/api/v1/plans/2025', { body: seed, contentType: TSV, headers: EN });
    expect(other.body.warnings).toContain('table 1 (branches): the title says 2024, imported as the plan for 2025');
  });

  it('adopts a JSON plan: four quarters per unit, mass orgs in the coordination table, missing quarters said', async () => {
    const json = {
      committeeId: 'dong-tien',
      units: [
        {
          unitId: 'lang-gia',
          quarters: [
            { quarter: 2, nominations: 1, admissions: 0 },
            { quarter: 4, nominations: 0, admissions: 1 },
          ],
        },
        { unitId: 'hoi-phu-nu', quarters: [1, 2, 3, 4].map((quarter) => ({ quarter, nominations: 1, admissions: 0 })) },
      ],
      minimums: { total: 6 },
    };
    const answer = await put('/api/v1/plans/2026', { json, headers: EN });
    expect(answer.status).toBe(200);
    expect(compact(answer.body.units)).toEqual([
      ['lang-gia', 'branches', '0/0 1/0 0/0 0/1'],
      ['hoi-phu-nu', 'coordination', '1/0 1/0 1/0 1/0'],
    ]);
    expect(answer.body).toMatchObject({
      year: 2026,
      version: 1,
      source: 'json',
      minimums: { total: 6 },
      warnings: ['unit lang-gia: no figures for Quý I, III; read as 0'],
    });
  });

  it('refuses a JSON plan naming unknown units with 422, a quarter twice with 400, a broken table with 400', async () => {
    const before = await eventCount(app.baseUrl);
    const unknown = await put('/api/v1/plans/2027', {
      json: { committeeId: 'dong-tien', units: [{ unitId: 'lang-moi', quarters: [] }] },
    });
    expectProblem(unknown, 422, 'UNKNOWN_UNIT');
    expect(unknown.body.details).toEqual({ unitIds: ['lang-moi'] });
    const twice = await put('/api/v1/plans/2027', {
      headers: { 'Accept-Language': 'en' },
      json: {
        committeeId: 'dong-tien',
        units: [
          {
            unitId: 'lang-gia',
            quarters: [
              { quarter: 1, nominations: 1, admissions: 0 },
              { quarter: 1, nominations: 2, admissions: 0 },
            ],
          },
        ],
      },
    });
    expect(twice.body.errors).toEqual([{ field: 'units.0.quarters', message: 'each quarter may appear once' }]);
    const broken = await put('/api/v1/plans/2027', {
      body: seed.replace('Làng Gia\t1', 'Làng Gia\tone'),
      contentType: TSV,
      headers: { 'Idempotency-Key': 'broken', 'Accept-Language': 'en' },
    });
    expectProblem(broken, 400, 'PLAN_FORMAT_INVALID');
    expect(broken.body.detail).toBe('line 11, column Quý I giới thiệu: "one" is not a number (digits, or - for zero)');
    expectProblem(
      await put('/api/v1/plans/2027?createUnits=maybe', { body: seed, contentType: TSV }),
      400,
      'VALIDATION_FAILED',
    );
    expect(await eventCount(app.baseUrl)).toBe(before);
  });

  it('records every event with the actor and the correlation id (read from the database after the app stops)', async () => {
    await app.stop();
    const streams = await queryStoreTables(
      dataDir,
      'SELECT stream_id AS id, CAST(COUNT(*) AS INTEGER) AS n FROM events GROUP BY stream_id ORDER BY stream_id',
    );
    const metadata = (await queryStoreTables<{ metadata: string }>(dataDir, 'SELECT metadata FROM events')).map((row) =>
      JSON.parse(row.metadata),
    );
    expect(streams).toEqual([
      { id: 'plan-2024', n: 2 },
      { id: 'plan-2025', n: 1 },
      { id: 'plan-2026', n: 1 },
      { id: 'units', n: 18 },
    ]);
    for (const m of metadata)
      expect(m).toMatchObject({
        actor: { sub: 'admin-7', role: 'admin', unitIds: [] },
        correlationId: expect.any(String),
      });
  });
});

describe('API plans on an empty catalog: createUnits creates the party committee too', () => {
  let app: AppProcess;
  let admin: string;
  const put = (path: string, options: Parameters<typeof call>[3] = {}) =>
    call(app.baseUrl, 'PUT', path, { token: admin, ...options });

  appForSuite({}, (started) => (app = started));
  beforeAll(async () => (admin = await tokenFor('admin', { sub: 'admin-8' })));

  it('refuses committeeName without createUnits, and a committeeName that is blank, appending nothing', async () => {
    const alone = await put('/api/v1/plans/2024?committeeName=X', {
      body: seed,
      contentType: TSV,
      headers: { 'Accept-Language': 'en' },
    });
    expectProblem(alone, 400, 'VALIDATION_FAILED');
    expect(alone.body.errors).toEqual([{ field: 'committeeName', message: 'only goes with createUnits=true' }]);
    expectProblem(
      await put('/api/v1/plans/2024?createUnits=true&committeeName=%20', { body: seed, contentType: TSV }),
      400,
      'VALIDATION_FAILED',
    );
    expect(await eventCount(app.baseUrl)).toBe(0);
  });

  it('imports the seed: the committee is created, the parent of every unit created, and the report names it', async () => {
    const answer = await put('/api/v1/plans/2024?createUnits=true&minTotal=6', {
      body: seed,
      contentType: TSV,
      headers: EN,
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ version: 1, committeeId: 'dang-uy' });
    expect(answer.body.warnings).toEqual(
      expect.arrayContaining([
        'created 18 units missing from the catalog: the party committee Đảng ủy (dang-uy), their parent, 12 branches, 5 mass organisations',
        'the committee has the default name "Đảng ủy": give its real name with PUT /api/v1/units/dang-uy (or name it at import: committeeName, --committee-name in the CLI)',
      ]),
    );
    const { items } = (await call(app.baseUrl, 'GET', '/api/v1/units', { token: admin })).body;
    expect(items).toHaveLength(18);
    expect(items.find((u: { unitId: string }) => u.unitId === 'dang-uy')).toEqual({
      unitId: 'dang-uy',
      name: 'Đảng ủy',
      kind: 'party-committee',
      version: 1,
    });
    const created = items.filter((u: { unitId: string }) => u.unitId !== 'dang-uy');
    expect(created.map((u: { parentId?: string }) => u.parentId)).toEqual(Array(17).fill('dang-uy'));
    await readModelsCaughtUp(app.baseUrl);
    const quota = (await call(app.baseUrl, 'GET', '/api/v1/reports/quota/2024', { token: admin })).body;
    expect(quota.committee).toMatchObject({ unitId: 'dang-uy', name: 'Đảng ủy' });
    expect(quota.minimums).toEqual([expect.objectContaining({ name: 'total', required: 6 })]);
    // The same table again: nothing recorded, the adopted plan answers.
    const events = await eventCount(app.baseUrl);
    const same = await put('/api/v1/plans/2024?createUnits=true&minTotal=6', {
      body: seed,
      contentType: TSV,
      headers: EN,
    });
    expect({ status: same.status, body: same.body }).toEqual({ status: 200, body: answer.body });
    expect(await eventCount(app.baseUrl)).toBe(events);
  });

  it('names the committee committeeId and committeeName give, refusing an id of another kind', async () => {
    const answer = await put(
      '/api/v1/plans/2025?createUnits=true&committeeId=dong-tien&committeeName=%C4%90%E1%BA%A3ng%20%E1%BB%A7y%20x%C3%A3%20%C4%90%E1%BB%93ng%20Ti%E1%BA%BFn',
      {
        body: seed,
        contentType: TSV,
        headers: EN,
      },
    );
    expect(answer.status).toBe(200);
    expect(answer.body.committeeId).toBe('dong-tien');
    expect(answer.body.warnings.join('\n')).not.toContain('default name');
    const unit = (await call(app.baseUrl, 'GET', '/api/v1/units/dong-tien', { token: admin })).body;
    expect(unit).toMatchObject({ name: 'Đảng ủy xã Đồng Tiến', kind: 'party-committee' });
    const before = await eventCount(app.baseUrl);
    expectProblem(
      await put('/api/v1/plans/2026?createUnits=true&committeeId=lang-gia', { body: seed, contentType: TSV }),
      422,
      'UNKNOWN_UNIT',
    );
    expect(await eventCount(app.baseUrl)).toBe(before);
  });
});

describe('`ketnap plan import` (the same handler, on the configured store)', () => {
  let dataDir: string;
  /** The CLI works on the store the app started on the data dir uses. */
  let storeEnv: Record<string, string>;
  const cli = (...args: string[]) =>
    spawnSync(
      process.execPath,
      ['-r', join(REPO, 'test/support/register-ts.js'), join(REPO, 'apps/cli/src/main.ts'), ...args],
      {
        env: { ...process.env, ...storeEnv, KETNAP_DATA_DIR: dataDir, AUTH_SECRET, KETNAP_LANG: 'en' },
        encoding: 'utf8',
      },
    );
  // Each test spawns the CLI (a few seconds each on a loaded machine), some also the app.
  jest.setTimeout(60_000);
  beforeEach(async () => {
    dataDir = tempDataDir();
    storeEnv = await e2eStoreEnv({ KETNAP_DATA_DIR: dataDir });
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('imports the seed with --create-units, prints the warnings, and the API serves the plan', async () => {
    const run = cli('plan', 'import', SEED_TSV, '--year', '2024', '--create-units', '--min-total', '6');
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toBe('plan 2024 adopted (version 1): 17 units in 2 tables');
    expect(lines[1]).toBe('created the party committee Đảng ủy (dang-uy), the parent of the units created');
    expect(lines[2]).toBe(
      'warning: table 1 (branches), row 10 "Trường Mầm non": blank cells read as 0 (Quý IV giới thiệu, Quý IV kết nạp)',
    );
    // What is left unset, said once each.
    expect(lines.slice(6)).toEqual([
      'warning: the committee has the default name "Đảng ủy": give its real name with PUT /api/v1/units/dang-uy (or name it at import: committeeName, --committee-name in the CLI)',
      'warning: committeeMembers of dang-uy is not set: the committee resolutions cannot be checked against 2/3 until it is (PUT /api/v1/units/dang-uy)',
      expect.stringMatching(/^warning: 12 branches have no officialMembers: .* \(deo-cao-lan-cham, mo-am, /),
    ]);
    expect(lines).toHaveLength(9);
    const app = await startApp({ KETNAP_DATA_DIR: dataDir, AUTH_SECRET });
    try {
      const plan = (
        await call(app.baseUrl, 'GET', '/api/v1/plans/2024', {
          token: await tokenFor('viewer', { units: ['dong-tien'] }),
        })
      ).body;
      expect(compact(plan.units)).toEqual(SEED_UNITS);
      expect(plan).toMatchObject({ minimums: { total: 6 }, source: 'tsv', committeeId: 'dang-uy' });
      const admin = await tokenFor('admin');
      const { items } = (await call(app.baseUrl, 'GET', '/api/v1/units', { token: admin })).body;
      expect(items).toHaveLength(18);
      expect(items.find((u: { unitId: string }) => u.unitId === 'dang-uy')).toMatchObject({
        kind: 'party-committee',
        name: 'Đảng ủy',
      });
      expect(items.filter((u: { parentId?: string }) => u.parentId === 'dang-uy')).toHaveLength(17);
      // The read models are built at the first start (503 READ_MODEL_NOT_READY until then).
      await readModelsCaughtUp(app.baseUrl);
      const quota = (await call(app.baseUrl, 'GET', '/api/v1/reports/quota/2024', { token: admin })).body;
      expect(quota.committee).toMatchObject({ unitId: 'dang-uy', name: 'Đảng ủy' });
      expect(quota.minimums).toEqual([expect.objectContaining({ name: 'total', required: 6 })]);
    } finally {
      await app.stop();
    }
  });

  it('imports the same table again as a no-op, and names the committee it creates with --committee-name', async () => {
    const first = cli(
      'plan',
      'import',
      SEED_TSV,
      '--year',
      '2024',
      '--create-units',
      '--committee',
      'dong-tien',
      '--committee-name',
      'Đảng ủy xã Đồng Tiến',
      '--min-total',
      '6',
    );
    expect({ status: first.status, stderr: first.stderr }).toEqual({ status: 0, stderr: '' });
    expect(first.stdout).toContain(
      'created the party committee Đảng ủy xã Đồng Tiến (dong-tien), the parent of the units created\n',
    );
    expect(first.stdout).not.toContain('default name');
    const events = await eventsIn(dataDir);
    const again = cli('plan', 'import', SEED_TSV, '--year', '2024', '--create-units', '--min-total', '6');
    expect({ status: again.status, stderr: again.stderr, stdout: again.stdout }).toEqual({
      status: 0,
      stderr: '',
      stdout: 'plan 2024 unchanged, version 1: the same as the one adopted, nothing recorded\n',
    });
    expect(await eventsIn(dataDir)).toBe(events);
    const changed = cli('plan', 'import', SEED_TSV, '--year', '2024', '--min-total', '7');
    expect(changed.stdout).toMatch(/^plan 2024 adopted \(version 2\): 17 units in 2 tables\n/);
    expect(changed.stdout).not.toContain('minimum admissions');
  });

  it('in Vietnamese by default: the summary, the warnings and the errors', () => {
    const vi = (...args: string[]) =>
      spawnSync(
        process.execPath,
        ['-r', join(REPO, 'test/support/register-ts.js'), join(REPO, 'apps/cli/src/main.ts'), ...args],
        {
          env: { ...process.env, ...storeEnv, KETNAP_DATA_DIR: dataDir, AUTH_SECRET, KETNAP_LANG: '' },
          encoding: 'utf8',
        },
      );
    const run = vi('plan', 'import', SEED_TSV, '--year', '2024', '--create-units');
    expect(run.stdout.split('\n').slice(0, 2)).toEqual([
      'đã thông qua kế hoạch năm 2024 (phiên bản 1): 17 đơn vị trong 2 biểu',
      'đã tạo đảng ủy Đảng ủy (dang-uy), đơn vị cấp trên của các đơn vị được tạo',
    ]);
    expect(run.stdout).toContain(
      'cảnh báo: biểu 1 (khối chi bộ), dòng số 10 "Trường Mầm non": ô trống được đọc là 0 (Quý IV giới thiệu, Quý IV kết nạp)\n',
    );
    expect(run.stdout).toContain(
      'cảnh báo: chưa có chỉ tiêu kết nạp tối thiểu (minTotal, minRural, minAgency; --min-total, --min-rural, --min-agency trong CLI): báo cáo không có gì để so sánh\n',
    );
    const usage = vi('plan', 'import', SEED_TSV, '--year', 'next');
    expect({ status: usage.status, stderr: usage.stderr }).toEqual({
      status: 2,
      stderr: 'ketnap: --year phải là một năm từ 2000 đến 2100 (nhận được "next")\n',
    });
    const missing = vi('plan', 'import', SEED_TSV);
    expect({ status: missing.status, stderr: missing.stderr }).toEqual({
      status: 2,
      stderr: 'ketnap: thiếu tùy chọn bắt buộc --year\n',
    });
  });

  it('fails with exit 1 and one line on stderr when units are unknown, 2 on bad usage', async () => {
    const unknown = cli('plan', 'import', SEED_TSV, '--year', '2024');
    expect(unknown.status).toBe(1);
    // The CLI names its own flag, not the API's word (createUnits).
    expect(unknown.stderr).toMatch(
      /^ketnap: no unit with the name "Đèo Cáo - Lân Chàm", .*: record the units first \(PUT \/api\/v1\/units\), or import with --create-units\n$/,
    );
    expect(await eventsIn(dataDir)).toBe(0);
    const usage = cli('plan', 'import', SEED_TSV, '--year', 'next');
    expect(usage.status).toBe(2);
    expect(usage.stderr.trim().split('\n')).toEqual(['ketnap: --year must be a year 2000-2100 (got "next")']);
    expect(cli('token', '--sub', 'x', '--role', 'root').status).toBe(2);
  });
});
