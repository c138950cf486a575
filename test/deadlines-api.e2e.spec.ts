import { rmSync } from 'node:fs';
import { startApp, type AppProcess } from './support/app-process';
import { AUTH_SECRET, call, eventCount, expectProblem, tempDataDir, tokenFor, type Answer } from './api-support';

/** The happy-path steps of DOMAIN.md §3's worked example, up to the committee resolution (admission decision due 2024-06-04). */
const STEPS: Array<[string, object]> = [
  ['helper-assigned', { helpers: [{ name: 'Lê Văn Bình', memberId: 'dv-12' }], assignedOn: '2023-09-15' }],
  [
    'training-completed',
    { certificateNo: 'CN-123/2023', issuedOn: '2023-10-20', issuer: 'Trung tâm chính trị huyện Hữu Lũng' },
  ],
  ['application-submitted', { submittedOn: '2023-11-01' }],
  ['background-verified', { completedOn: '2023-12-15', outcome: 'passed' }],
  [
    'introducers-recorded',
    {
      recordedOn: '2024-01-10',
      introducers: [
        { kind: 'member', name: 'Hoàng Văn Ba', officialSince: '2010-03-02', knownSince: '2020-01-01' },
        { kind: 'member', name: 'Vi Thị Cúc', officialSince: '2010-03-02', knownSince: '2020-01-01' },
      ],
    },
  ],
  ['opinions-collected', { collectedOn: '2024-02-20' }],
  ['branch-resolution', { meetingOn: '2024-03-07', officialMembers: 9, votesFor: 7 }],
  ['committee-resolution', { adoptedOn: '2024-03-20', committeeMembers: 15, votesFor: 12 }],
];
const DUE = '2024-06-04';

async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('API deadlines, inspection cases and the manual clock', () => {
  let app: AppProcess;
  let dir: string;
  let admin: string;
  let inspector: string;
  let office: string;
  const ids: string[] = [];
  const as = (token: string) => (method: string, path: string, json?: unknown, headers?: Record<string, string>) =>
    call(app.baseUrl, method, `/api/v1${path}`, { token, json, headers });
  const caseId = (dossier: string) => `${dossier}_admission-decision_${DUE}`;
  const unchanged = async (answer: Promise<Answer>, status: number, code?: string) => {
    const before = await eventCount(app.baseUrl);
    expectProblem(await answer, status, code);
    expect(await eventCount(app.baseUrl)).toBe(before);
  };

  beforeAll(async () => {
    dir = tempDataDir();
    app = await startApp({
      KETNAP_DATA_DIR: dir,
      AUTH_SECRET,
      KETNAP_CLOCK: 'manual',
      KETNAP_START_AT: '2024-05-02T08:00:00+07:00',
    });
    [admin, inspector, office] = await Promise.all([
      tokenFor('admin'),
      tokenFor('inspector'),
      tokenFor('office', { units: ['dang-uy-xa-dong-tien'] }),
    ]);
    const units = [
      ['dang-uy-xa-dong-tien', { name: 'Đảng ủy xã Đồng Tiến', kind: 'party-committee' }],
      [
        'chi-bo-lang-gia',
        { name: 'Chi bộ Làng Gia', kind: 'branch', parentId: 'dang-uy-xa-dong-tien', officialMembers: 12 },
      ],
      ['doan-thanh-nien', { name: 'Đoàn TNCS HCM', kind: 'mass-org', parentId: 'dang-uy-xa-dong-tien' }],
    ] as const;
    for (const [id, unit] of units) expect((await as(admin)('PUT', `/units/${id}`, unit)).status).toBe(200);
    for (let n = 0; n < 2; n += 1) {
      const created = await as(admin)('POST', '/dossiers', {
        candidate: {
          fullName: 'Nguyễn Thị An',
          birthDate: '1996-05-10',
          gender: 'female',
          ethnicity: 'Tày',
          educationLevel: 'upper-secondary',
        },
        branchId: 'chi-bo-lang-gia',
        nominatedBy: 'doan-thanh-nien',
        nominatedOn: '2023-09-05',
      });
      expect(created.status).toBe(201);
      ids.push(created.body.id);
      for (const [step, body] of STEPS)
        expect((await as(admin)('POST', `/dossiers/${created.body.id}/${step}`, body)).status).toBe(200);
    }
  }, 60_000);
  afterAll(async () => {
    await app?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows the open deadlines with their due date and skipped days', async () => {
    const open = await eventually(
      () => as(office)('GET', '/deadlines?status=open'),
      (a) =>
        a.body?.items?.filter((d: { obligation: string }) => d.obligation === 'admission-decision').length === 2 &&
        a.body.items.length === 2,
      'the two open admission decisions',
    );
    expect(open.body.items[0]).toMatchObject({
      obligation: 'admission-decision',
      startedOn: '2024-03-07',
      dueOn: DUE,
      status: 'open',
      skippedDays: expect.arrayContaining(['2024-04-18', '2024-04-30']),
    });
    expect(open.body.nextCursor).toBeNull();
    const first = await as(office)('GET', '/deadlines?status=open&limit=1');
    const second = await as(office)('GET', `/deadlines?status=open&limit=1&cursor=${first.body.nextCursor}`);
    expect([...first.body.items, ...second.body.items].map((d: { dossierId: string }) => d.dossierId).sort()).toEqual(
      [...ids].sort(),
    );
  });

  it('moves the manual clock only forward, for an admin, with a valid instant; nothing is appended otherwise', async () => {
    await unchanged(as(admin)('POST', '/system/clock', { now: '2024-05-01T00:00:00+07:00' }), 422, 'CLOCK_BACKWARDS');
    await unchanged(as(admin)('POST', '/system/clock', { now: '2024-06-05' }), 400, 'VALIDATION_FAILED');
    await unchanged(
      as(admin)('POST', '/system/clock', { now: '2024-06-05T00:00:00Z', extra: 1 }),
      400,
      'VALIDATION_FAILED',
    );
    await unchanged(as(inspector)('POST', '/system/clock', { now: '2024-06-05T00:00:00+07:00' }), 403);
  });

  it('breaches both deadlines at local midnight after the due date and opens a case for each, visible at once', async () => {
    const jump = await as(admin)('POST', '/system/clock', { now: '2024-06-05T00:00:00+07:00' });
    expect(jump.status).toBe(200);
    expect(jump.body).toEqual({ now: '2024-06-04T17:00:00.000Z', breached: 2, reminders: 0, issued: 0 });
    const breached = await as(inspector)('GET', '/deadlines?status=breached&dueBefore=2024-06-05');
    expect(breached.body.items).toEqual(
      ids.map(() =>
        expect.objectContaining({
          obligation: 'admission-decision',
          status: 'breached',
          breachedOn: '2024-06-05',
          workingDaysLate: 1,
        }),
      ),
    );
    const cases = await as(inspector)('GET', '/inspection/cases?status=open', undefined, { 'Accept-Language': 'en' });
    expect(cases.body.items.map((c: { id: string }) => c.id).sort()).toEqual(ids.map(caseId).sort());
    const one = cases.body.items[0];
    expect(one).toMatchObject({ dueOn: DUE, breachedOn: '2024-06-05', status: 'open', openedAt: expect.any(String) });
    expect(one.history.explanation).toContain('Due date: Tuesday 2024-06-04.');
    expect(one.explanation).toBe(one.history.explanation);
    // Vietnamese by default, the dates as dd/mm/yyyy; the case itself is the same in either language.
    const vi = await as(inspector)('GET', `/inspection/cases/${one.id}`);
    expect(vi.headers.get('content-language')).toBe('vi');
    expect(vi.body.history.explanation).toContain('Hạn chót: Thứ Ba, ngày 04/06/2024.');
    expect(vi.body.history.explanation).toMatch(/^Quyết định kết nạp: 60 ngày làm việc kể từ ngày /);
    expect(vi.body.explanation).toBe(vi.body.history.explanation);
    expect({ ...vi.body, explanation: '', history: { ...vi.body.history, explanation: '' } }).toEqual({
      ...one,
      explanation: '',
      history: { ...one.history, explanation: '' },
    });
    expect(one.history.procedure.map((e: { type: string }) => e.type)).toEqual(
      expect.arrayContaining(['CandidateNominated', 'CommitteeResolutionAdopted', 'DeadlineBreached']),
    );
  });

  it('lets the inspector acknowledge and close a case; invalid requests are refused and append nothing', async () => {
    const id = caseId(ids[0]);
    await unchanged(as(office)('POST', `/inspection/cases/${id}/acknowledge`, {}), 403);
    await unchanged(
      as(inspector)('POST', `/inspection/cases/${caseId('00000000-0000-4000-8000-000000000000')}/acknowledge`, {}),
      404,
    );
    await unchanged(
      as(inspector)('POST', `/inspection/cases/${id}/acknowledge`, { note: 42 }),
      400,
      'VALIDATION_FAILED',
    );
    await unchanged(
      as(inspector)('POST', `/inspection/cases/${id}/close`, { finding: '  ', colour: 'red' }),
      400,
      'VALIDATION_FAILED',
    );
    expect(await as(inspector)('POST', `/inspection/cases/${id}/acknowledge`, { note: 'Đang xác minh' })).toMatchObject(
      { status: 200, body: { id, version: 2, status: 'acknowledged' } },
    );
    await unchanged(as(inspector)('POST', `/inspection/cases/${id}/acknowledge`, {}), 422, 'CASE_ALREADY_ACKNOWLEDGED');
    await unchanged(
      as(inspector)('POST', `/inspection/cases/${id}/close`, { finding: 'f', resolution: 'r' }, { 'If-Match': '1' }),
      409,
      'VERSION_CONFLICT',
    );
    const close = { finding: 'Chậm 1 ngày làm việc', resolution: 'Nhắc nhở' };
    expect(await as(inspector)('POST', `/inspection/cases/${id}/close`, close, { 'If-Match': '2' })).toMatchObject({
      status: 200,
      body: { id, version: 3, status: 'closed' },
    });
    await unchanged(as(inspector)('POST', `/inspection/cases/${id}/close`, close), 422, 'CASE_CLOSED');
    const closed = await eventually(
      () => as(inspector)('GET', '/inspection/cases?status=closed'),
      (a) => a.body?.items?.length === 1,
      'the closed case',
    );
    expect(closed.body.items[0]).toMatchObject({ id, note: 'Đang xác minh', ...close });
  });

  it('withdraws the breach and the case when the office records the decision with a date on time', async () => {
    const dossier = ids[1];
    const decided = await as(admin)('POST', `/dossiers/${dossier}/admission-decision`, {
      decidedOn: '2024-06-03',
      decisionNo: '312-QĐ/HU',
      outcome: 'admitted',
    });
    expect(decided.status).toBe(200);
    const withdrawn = await eventually(
      () => as(inspector)('GET', '/inspection/cases?status=withdrawn'),
      (a) => a.body?.items?.length === 1,
      'the withdrawn case',
    );
    expect(withdrawn.body.items[0]).toMatchObject({
      id: caseId(dossier),
      withdrawnReason: expect.stringContaining('met on time: on 2024-06-03, due 2024-06-04'),
    });
    const history = await as(inspector)('GET', `/dossiers/${dossier}/history`);
    expect(history.body.items.map((e: { type: string }) => e.type).slice(-3)).toEqual([
      'DeadlineBreached',
      'AdmissionDecided',
      'DeadlineBreachWithdrawn',
    ]);
    await unchanged(
      as(inspector)('POST', `/inspection/cases/${caseId(dossier)}/close`, { finding: 'f', resolution: 'r' }),
      422,
      'CASE_WITHDRAWN',
    );
  });
});

describe('API system clock without KETNAP_CLOCK=manual', () => {
  let app: AppProcess;
  let dir: string;

  beforeAll(async () => {
    dir = tempDataDir();
    app = await startApp({ KETNAP_DATA_DIR: dir, AUTH_SECRET });
  });
  afterAll(async () => {
    await app?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers 404', async () => {
    const answer = await call(app.baseUrl, 'POST', '/api/v1/system/clock', {
      token: await tokenFor('admin'),
      json: { now: '2030-01-01T00:00:00Z' },
    });
    expectProblem(answer, 404);
  });
});

describe('API without the worker (KETNAP_WORKER=off)', () => {
  let app: AppProcess;
  let dir: string;

  beforeAll(async () => {
    dir = tempDataDir();
    app = await startApp({
      KETNAP_DATA_DIR: dir,
      AUTH_SECRET,
      KETNAP_WORKER: 'off',
      KETNAP_CLOCK: 'manual',
      REDIS_URL: 'redis://127.0.0.1:1',
    });
  });
  afterAll(async () => {
    await app?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts no timers (no Redis connection) and refuses to move the clock it cannot sweep', async () => {
    expect((await call(app.baseUrl, 'GET', '/health')).status).toBe(200);
    const answer = await call(app.baseUrl, 'POST', '/api/v1/system/clock', {
      token: await tokenFor('admin'),
      json: { now: '2030-01-01T00:00:00Z' },
    });
    expectProblem(answer, 409, 'WORKER_OFF');
    expect(app.output()).not.toMatch(/ECONNREFUSED|redis/i);
  });
});
