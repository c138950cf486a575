import { command } from '@ketnap/domain/testing';
import type { AppProcess } from './support/app-process';
import { appForSuite, call, eventCount, expectProblem, tokenFor, type Answer } from './api-support';

const BRANCH = 'chi-bo-thon-dong-lac';
const EN = { 'Accept-Language': 'en-US,en;q=0.9' };
const nomination = command('NominateCandidate').data;

/** The problem's language headers: Content-Language, and Vary naming Accept-Language. */
const languageOf = (answer: Answer) => ({
  language: answer.headers.get('content-language'),
  varies: (answer.headers.get('vary') ?? '').toLowerCase().includes('accept-language'),
});

describe('messages in Vietnamese by default, in English on request', () => {
  let app: AppProcess;
  let admin: string;
  appForSuite({ KETNAP_WORKER: 'off' }, (started) => (app = started));
  const send = (method: string, path: string, json: unknown, headers: Record<string, string> = {}) =>
    call(app.baseUrl, method, `/api/v1${path}`, { token: admin, json, headers });

  beforeAll(async () => {
    admin = await tokenFor('admin');
    const units = [
      ['dang-uy-xa-dong-tien', { name: 'Đảng ủy xã Đồng Tiến', kind: 'party-committee' }],
      [BRANCH, { name: 'Chi bộ thôn Đồng Lạc', kind: 'branch', parentId: 'dang-uy-xa-dong-tien', block: 'rural' }],
      ['doan-thanh-nien', { name: 'Đoàn TNCS HCM', kind: 'mass-org', parentId: 'dang-uy-xa-dong-tien' }],
    ] as const;
    for (const [id, unit] of units) expect((await send('PUT', `/units/${id}`, unit)).status).toBe(200);
  }, 30_000);

  it('answers a rule refusal (422) in Vietnamese, and in English with Accept-Language: en, same code and details', async () => {
    const created = await send('POST', '/dossiers', nomination);
    expect(created.status).toBe(201);
    const before = await eventCount(app.baseUrl);
    const path = `/dossiers/${created.body.id}/application-submitted`;
    const vi = await send('POST', path, command('SubmitApplication').data);
    const en = await send('POST', path, command('SubmitApplication').data, EN);
    expectProblem(vi, 422, 'STEP_OUT_OF_ORDER');
    expectProblem(en, 422, 'STEP_OUT_OF_ORDER');
    expect(vi.body.detail).toBe('Hãy ghi nhận giấy chứng nhận lớp bồi dưỡng nhận thức về Đảng trước đơn xin vào Đảng.');
    expect(en.body.detail).toBe('Record the awareness-class certificate before the application.');
    expect(en.body.details).toEqual(vi.body.details);
    expect(en.body.details).toEqual({ stage: 'nominated' });
    expect([languageOf(vi), languageOf(en)]).toEqual([
      { language: 'vi', varies: true },
      { language: 'en', varies: true },
    ]);
    expect(await eventCount(app.baseUrl)).toBe(before);
  });

  it('writes the dates of a refusal the Vietnamese way', async () => {
    const late = { ...nomination, nominatedOn: '2099-01-31' };
    const vi = await send('POST', '/dossiers', late);
    expectProblem(vi, 422, 'DATE_IN_FUTURE');
    const today = String(vi.body.details.today);
    const [y, m, d] = today.split('-');
    expect(vi.body.detail).toBe(
      `Ngày 31/01/2099 (nominatedOn) muộn hơn ngày hôm nay (${d}/${m}/${y}). Chỉ ghi nhận một bước khi việc đó đã diễn ra.`,
    );
    const en = await send('POST', '/dossiers', late, { 'Accept-Language': 'en' });
    expect(en.body.detail).toBe(
      `The date 2099-01-31 (nominatedOn) is after today, ${today}. Record a step once it has happened.`,
    );
  });

  it('says "bắt buộc" once for a missing required field, and the range of a whole number in Vietnamese', async () => {
    const { ethnicity: _ethnicity, ...candidate } = nomination.candidate;
    const missing = await send('POST', '/dossiers', { ...nomination, candidate });
    expectProblem(missing, 400, 'VALIDATION_FAILED');
    expect(missing.body.errors).toEqual([{ field: 'candidate.ethnicity', message: 'bắt buộc' }]);
    expect(missing.body.detail).toBe('Yêu cầu không hợp lệ: candidate.ethnicity.');

    const unit = { name: 'Chi bộ Làng Gia', kind: 'branch', parentId: 'dang-uy-xa-dong-tien', block: 'rural' };
    const tooMany = await send('PUT', '/units/lang-gia', { ...unit, officialMembers: 100_001 });
    expectProblem(tooMany, 400, 'VALIDATION_FAILED');
    expect(tooMany.body.errors).toEqual([{ field: 'officialMembers', message: 'phải là số nguyên từ 0 đến 100.000' }]);
    expect(languageOf(tooMany)).toEqual({ language: 'vi', varies: true });
    const inEnglish = await send('PUT', '/units/lang-gia', { ...unit, officialMembers: 2.5 }, EN);
    expect(inEnglish.body.errors).toEqual([
      { field: 'officialMembers', message: 'must be a whole number from 0 to 100,000' },
    ]);
    expect(languageOf(inEnglish)).toEqual({ language: 'en', varies: true });
  });

  it('answers the refusals before the routes in the same language: no token, a body that is not JSON', async () => {
    const anonymous = await call(app.baseUrl, 'GET', '/api/v1/units');
    expectProblem(anonymous, 401, 'UNAUTHENTICATED');
    expect(anonymous.body.detail).toBe('Hãy gửi header Authorization: Bearer <token>.');
    const forged = await call(app.baseUrl, 'GET', '/api/v1/units', { token: 'abc.def.ghi' });
    expectProblem(forged, 401, 'UNAUTHENTICATED');
    expect(forged.body.detail).toBe('Token không phải là một JWT đúng định dạng.');
    const broken = await call(app.baseUrl, 'PUT', '/api/v1/units/lang-gia', {
      token: admin,
      body: '{"name":',
      contentType: 'application/json',
      headers: { 'Accept-Language': 'fr;q=0.9, en;q=0.8' },
    });
    expectProblem(broken, 400, 'MALFORMED_JSON');
    expect(broken.body.detail).toBe('the body is not valid JSON');
    expect(languageOf(broken)).toEqual({ language: 'en', varies: true });
  });
});
