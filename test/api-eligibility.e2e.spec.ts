import { STEP_COMMANDS, type DossierCommand, type StepName } from '@ketnap/domain';
import { command, MAIN_LINE, member } from '@ketnap/domain/testing';
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
const TWO_MEMBERS = [member(), member({ name: 'Vi Thị Cúc' })];

/** The eligibility rules of issue 14 over HTTP: the request fields and the refusals they meet. */
describe('eligibility over HTTP: Youth Union route, education, provincial consent', () => {
  let app: AppProcess;
  appForSuite({ KETNAP_WORKER: 'off' }, (started) => (app = started));
  let admin: string;
  let office: string;

  beforeAll(async () => {
    [admin, office] = await Promise.all([tokenFor('admin'), tokenFor('office', { units: ['dang-uy-xa-dong-tien'] })]);
    const units = [
      ['dang-uy-xa-dong-tien', { name: 'Đảng ủy xã Đồng Tiến', kind: 'party-committee' }],
      [
        'chi-bo-thon-dong-lac',
        { name: 'Chi bộ thôn Đồng Lạc', kind: 'branch', parentId: 'dang-uy-xa-dong-tien', officialMembers: 9 },
      ],
      ['doan-thanh-nien', { name: 'Đoàn TNCS HCM', kind: 'mass-org', parentId: 'dang-uy-xa-dong-tien' }],
    ] as const;
    for (const [id, unit] of units)
      expect((await call(app.baseUrl, 'PUT', `/api/v1/units/${id}`, { token: admin, json: unit })).status).toBe(200);
  }, 30_000);

  const post = (path: string, json: unknown) => call(app.baseUrl, 'POST', `/api/v1${path}`, { token: office, json });
  async function dossierThrough(last: (typeof MAIN_LINE)[number], candidate: object = {}): Promise<string> {
    const nominated = command('NominateCandidate').data;
    const created = await post('/dossiers', { ...nominated, candidate: { ...nominated.candidate, ...candidate } });
    expect(created.status).toBe(201);
    for (const type of MAIN_LINE.slice(1, MAIN_LINE.indexOf(last) + 1)) {
      const res = await post(`/dossiers/${created.body.id}/${STEP_OF[type]}`, body(type));
      expect({ type, status: res.status, body: res.body }).toMatchObject({ type, status: 200 });
    }
    return created.body.id;
  }
  /** The answer is a refusal with this status and code, and nothing was appended. */
  async function refused(path: string, json: unknown, status: number, code: string) {
    const before = await eventCount(app.baseUrl);
    const answer = await post(path, json);
    expectProblem(answer, status, code);
    expect(await eventCount(app.baseUrl)).toBe(before);
    return answer;
  }

  it('asks a Youth Union member of youth age for the Youth Union route, unless no Youth Union base exists', async () => {
    const id = await dossierThrough('RecordBackgroundVerification');
    const path = `/dossiers/${id}/introducers-recorded`;
    const twoMembers = body('RecordIntroducers', { introducers: TWO_MEMBERS });
    const answer = await refused(path, twoMembers, 422, 'INTRODUCER_NOT_ELIGIBLE');
    expect(answer.body.detail).toContain('Ban Chấp hành Đoàn cơ sở');
    await refused(path, { ...twoMembers, noYouthUnionBase: 'yes' }, 400, 'VALIDATION_FAILED');
    const accepted = await post(path, { ...twoMembers, noYouthUnionBase: true });
    expect(accepted.status).toBe(200);
  }, 30_000);

  it('asks a literacy-only candidate for the provincial consent, dated no later than the decision', async () => {
    const id = await dossierThrough('CollectOpinions', { educationLevel: 'primary' });
    const branch = `/dossiers/${id}/branch-resolution`;
    const consent = (grounds: unknown, givenOn = '2024-05-16') => ({
      ...body('RecordBranchResolution'),
      provincialConsent: { documentNo: '88-CV/TU', givenOn, grounds },
    });
    await refused(branch, body('RecordBranchResolution'), 422, 'EDUCATION_BELOW_MINIMUM');
    const unknown = await refused(branch, consent(['health']), 400, 'VALIDATION_FAILED');
    expect(unknown.body.errors).toEqual([expect.objectContaining({ field: 'provincialConsent.grounds' })]);
    await refused(branch, consent(['age']), 422, 'EDUCATION_BELOW_MINIMUM');
    expect((await post(branch, consent(['education']))).status).toBe(200);
    expect((await post(`/dossiers/${id}/committee-resolution`, body('RecordCommitteeResolution'))).status).toBe(200);
    const decision = `/dossiers/${id}/admission-decision`;
    await refused(decision, body('RecordAdmissionDecision'), 422, 'CONSENT_AFTER_DECISION');
    const decided = await post(decision, body('RecordAdmissionDecision', { decidedOn: '2024-05-16' }));
    expect(decided.body).toMatchObject({ stage: 'admitted' });
  }, 30_000);
});
