import { STEP_COMMANDS, type DossierCommand, type StepName } from '@ketnap/domain';
import { command, MAIN_LINE } from '@ketnap/domain/testing';
import type { AppProcess } from './support/app-process';
import { appForSuite, call, eventCount, expectProblem, tokenFor } from './api-support';

const STEP_OF = Object.fromEntries(Object.entries(STEP_COMMANDS).map(([step, type]) => [type, step])) as Record<
  string,
  StepName
>;
const body = (type: DossierCommand['type'], overrides: object = {}) => ({
  ...(command(type as 'NominateCandidate').data as object),
  ...overrides,
});

const COMMITTEE = 'dang-uy-xa-dong-tien';
const DISTRICT = 'huyen-uy-huu-lung';
const PROVINCE = 'tinh-uy-lang-son';
const BRANCH = 'chi-bo-thon-dong-lac';
const COMMITTEE_UNIT = { name: 'Đảng ủy xã Đồng Tiến', kind: 'party-committee', parentId: DISTRICT };

/** API.md v1 additions: a committee's competent authorities as dated data, and decidedBy on decisions. */
describe('competent authority over HTTP', () => {
  let app: AppProcess;
  appForSuite({ KETNAP_WORKER: 'off' }, (started) => (app = started));
  let admin: string, office: string, standing: string;

  const put = (id: string, json: unknown) => call(app.baseUrl, 'PUT', `/api/v1/units/${id}`, { token: admin, json });
  const post = (path: string, json: unknown, token = office) =>
    call(app.baseUrl, 'POST', `/api/v1${path}`, { token, json });
  const get = (path: string) => call(app.baseUrl, 'GET', `/api/v1${path}`, { token: admin });
  async function dossierUpTo(last: (typeof MAIN_LINE)[number]): Promise<string> {
    const created = await post('/dossiers', body('NominateCandidate'));
    expect(created.status).toBe(201);
    for (const type of MAIN_LINE.slice(1, MAIN_LINE.indexOf(last) + 1)) {
      const token = STEP_OF[type].endsWith('-decision') ? standing : office;
      const res = await post(`/dossiers/${created.body.id}/${STEP_OF[type]}`, body(type), token);
      expect({ type, status: res.status, body: res.body }).toMatchObject({ type, status: 200 });
    }
    return created.body.id;
  }

  beforeAll(async () => {
    [admin, office, standing] = await Promise.all([
      tokenFor('admin'),
      tokenFor('office', { units: [COMMITTEE] }),
      tokenFor('standing-committee'),
    ]);
    const units = [
      [PROVINCE, { name: 'Tỉnh ủy Lạng Sơn', kind: 'higher-committee' }],
      [DISTRICT, { name: 'Huyện ủy Hữu Lũng', kind: 'higher-committee', parentId: PROVINCE }],
      [COMMITTEE, COMMITTEE_UNIT],
      [BRANCH, { name: 'Chi bộ thôn Đồng Lạc', kind: 'branch', parentId: COMMITTEE, officialMembers: 9 }],
      ['doan-thanh-nien', { name: 'Đoàn TNCS HCM', kind: 'mass-org', parentId: COMMITTEE }],
    ] as const;
    for (const [id, unit] of units) expect((await put(id, unit)).status).toBe(200);
  }, 30_000);

  it('refuses malformed authorities (400, every field listed) and unfitting units (422), appending nothing', async () => {
    const before = await eventCount(app.baseUrl);
    const malformed = await put(COMMITTEE, {
      ...COMMITTEE_UNIT,
      authorities: [
        { from: '2024-02-30', unitId: DISTRICT },
        { from: '2024-06-01', to: '2024-05-31', unitId: DISTRICT },
        { from: '2025-01-01', unitId: 'Huyện ủy' },
        { from: '2025-02-01', unitId: COMMITTEE },
      ],
    });
    expectProblem(malformed, 400);
    expect(malformed.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'authorities',
      'authorities.0.from',
      'authorities.1.to',
      'authorities.2.unitId',
    ]);
    const onBranch = await put(BRANCH, {
      name: 'Chi bộ thôn Đồng Lạc',
      kind: 'branch',
      parentId: COMMITTEE,
      authorities: [{ from: '2024-01-01', unitId: DISTRICT }],
    });
    expectProblem(onBranch, 400);
    expect(onBranch.body.errors).toEqual([{ field: 'authorities', message: expect.any(String) }]);
    for (const unitId of ['huyen-uy-khac', BRANCH]) {
      const unfitting = await put(COMMITTEE, { ...COMMITTEE_UNIT, authorities: [{ from: '2024-01-01', unitId }] });
      expectProblem(unfitting, 422, 'UNKNOWN_UNIT');
    }
    expect(await eventCount(app.baseUrl)).toBe(before);
  });

  it('records decisions by the competent authority of their date, and refuses another body', async () => {
    // Without data: the district (parent) decides in 2024 by default.
    const first = await dossierUpTo('RecordAdmissionDecision');
    expect((await get(`/dossiers/${first}`)).body.steps['admission-decision']).toMatchObject({
      decidedOn: '2024-05-15',
      decidedBy: DISTRICT,
    });

    const authorities = [{ from: '2024-01-01', to: '2024-12-31', unitId: PROVINCE }];
    const recorded = await put(COMMITTEE, { ...COMMITTEE_UNIT, authorities });
    expect(recorded.status).toBe(200);
    expect(recorded.body).toMatchObject({ unitId: COMMITTEE, authorities, version: 2 });
    const listed = (await get('/units')).body.items.find((u: { unitId: string }) => u.unitId === COMMITTEE);
    expect(listed).toEqual({ unitId: COMMITTEE, ...COMMITTEE_UNIT, authorities, version: 2 });

    const id = await dossierUpTo('RecordCommitteeResolution');
    const path = `/dossiers/${id}/admission-decision`;
    const before = await eventCount(app.baseUrl);
    const wrong = await post(path, body('RecordAdmissionDecision', { decidedBy: DISTRICT }), standing);
    expectProblem(wrong, 422, 'NOT_COMPETENT_AUTHORITY');
    expect(wrong.body.detail).toContain(PROVINCE);
    expect(wrong.body.details).toMatchObject({ decidedBy: DISTRICT, competent: PROVINCE, decidedOn: '2024-05-15' });
    const unknown = await post(path, body('RecordAdmissionDecision', { decidedBy: 'huyen-uy-khac' }), standing);
    expectProblem(unknown, 422, 'UNKNOWN_UNIT');
    expect(await eventCount(app.baseUrl)).toBe(before);

    const given = await post(path, body('RecordAdmissionDecision', { decidedBy: PROVINCE }), standing);
    expect(given.body).toMatchObject({ stage: 'admitted', appended: ['AdmissionDecided'] });
    for (const type of ['HoldCeremony', 'RecordRecognitionReview', 'RecordRecognitionResolution'] as const) {
      expect((await post(`/dossiers/${id}/${STEP_OF[type]}`, body(type))).status).toBe(200);
    }
    const recognised = await post(`/dossiers/${id}/recognition-decision`, body('RecordRecognitionDecision'), standing);
    expect(recognised.status).toBe(200);

    const { steps } = (await get(`/dossiers/${id}`)).body;
    expect(steps['admission-decision']).toMatchObject({ decidedOn: '2024-05-15', decidedBy: PROVINCE });
    // 2025-07-15: after the data's period, the default of QĐ 294: the committee itself.
    expect(steps['recognition-decision']).toMatchObject({ decidedOn: '2025-07-15', decidedBy: COMMITTEE });
  });

  it('checks a corrected deciding body again', async () => {
    const id = await dossierUpTo('RecordAdmissionDecision');
    const { eventId } = (await get(`/dossiers/${id}`)).body.steps['admission-decision'];
    const before = await eventCount(app.baseUrl);
    const correct = (changes: object) =>
      post(`/dossiers/${id}/correction`, { eventId, changes, reason: 'Nhập sai' }, standing);
    expectProblem(await correct({ decidedBy: DISTRICT }), 422, 'NOT_COMPETENT_AUTHORITY');
    expect(await eventCount(app.baseUrl)).toBe(before);
    expect((await correct({ decidedOn: '2024-05-16' })).status).toBe(200);
  });
});
