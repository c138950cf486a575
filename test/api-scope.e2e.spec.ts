import { STEP_COMMANDS, type StepName } from '@ketnap/domain';
import { command, MAIN_LINE, type MainStep } from '@ketnap/domain/testing';
import type { AppProcess } from './support/app-process';
import { appForSuite, call, eventCount, expectProblem, tokenFor, type Answer } from './api-support';
import { settled, twoCommunes } from './support/two-communes';

/**
 * API.md "Access": unit ids named in bodies must exist with a fitting kind; a correction is a write
 * like any other (validated, scoped before and after, permitted by the step it corrects); reads as of a
 * date are scoped on both states; lists and reports are narrowed to the reader's units.
 */

const STEP_OF = Object.fromEntries(Object.entries(STEP_COMMANDS).map(([step, type]) => [type, step])) as Record<
  string,
  StepName
>;

describe('API scope, referential integrity and corrections', () => {
  let app: AppProcess;
  appForSuite(
    { KETNAP_CLOCK: 'manual', KETNAP_START_AT: '2024-06-10T08:00:00+07:00', KETNAP_EXPENSIVE_READS_PER_MINUTE: '2' },
    (started) => (app = started),
  );
  let admin: string,
    office: string,
    standing: string,
    secretary: string,
    secretaryHai: string,
    otherOffice: string,
    inspector: string;
  let admitted: string;
  let breached: string;
  let admittedEvents: Array<{ eventId: string; type: string }>;

  const as =
    (token: string) =>
    (method: string, path: string, json?: unknown): Promise<Answer> =>
      call(app.baseUrl, method, `/api/v1${path}`, { token, json });
  /** The answer, and how many events the request appended (counted before it is sent). */
  async function counted(request: () => Promise<Answer>): Promise<{ status: number; code?: string; appended: number }> {
    const before = await eventCount(app.baseUrl);
    const answer = await request();
    return {
      status: answer.status,
      ...(answer.body?.code && { code: answer.body.code }),
      appended: (await eventCount(app.baseUrl)) - before,
    };
  }
  async function dossierThrough(last: MainStep, nomination: object = {}): Promise<string> {
    const created = await as(admin)('POST', '/dossiers', {
      ...command('NominateCandidate').data,
      branchId: 'thon-mot',
      nominatedBy: 'hoi-dong',
      ...nomination,
    });
    expect(created.status).toBe(201);
    for (const type of MAIN_LINE.slice(1, MAIN_LINE.indexOf(last) + 1)) {
      expect({
        type,
        status: (await as(admin)('POST', `/dossiers/${created.body.id}/${STEP_OF[type]}`, command(type).data)).status,
      }).toEqual({ type, status: 200 });
    }
    return created.body.id;
  }

  beforeAll(async () => {
    [admin, office, standing, secretary, secretaryHai, otherOffice, inspector] = await Promise.all([
      tokenFor('admin'),
      tokenFor('office', { units: ['xa-dong'] }),
      tokenFor('standing-committee'),
      tokenFor('secretary', { units: ['thon-mot'] }),
      tokenFor('secretary', { sub: 'secretary-hai', units: ['thon-hai'] }),
      tokenFor('office', { sub: 'office-tay', units: ['xa-tay'] }),
      tokenFor('inspector'),
    ]);
    for (const [id, unit] of twoCommunes({ 'thon-hai': '=HYPERLINK("http://x.invalid","Chi bộ thôn Hai")' }))
      expect((await as(admin)('PUT', `/units/${id}`, unit)).status).toBe(200);
    const quarters = [1, 2, 3, 4].map((quarter) => ({ quarter, nominations: 1, admissions: 1 }));
    expect(
      (
        await as(admin)('PUT', '/plans/2024', {
          committeeId: 'xa-dong',
          units: ['thon-mot', 'thon-hai', 'hoi-dong'].map((unitId) => ({ unitId, quarters })),
        })
      ).status,
    ).toBe(200);
    admitted = await dossierThrough('RecordAdmissionDecision');
    admittedEvents = (await as(admin)('GET', `/dossiers/${admitted}/history`)).body.items;
    breached = await dossierThrough('RecordBranchResolution');
    for (
      let i = 0;
      i < 200 && (await as(admin)('GET', `/inspection/cases/${breached}_admission-decision_2024-06-04`)).status !== 200;
      i += 1
    ) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await settled(app.baseUrl);
  }, 60_000);

  const eventOf = (type: string) => admittedEvents.find((e) => e.type === type)!.eventId;

  it('refuses a nomination naming a unit the catalog does not hold with a fitting kind (422 UNKNOWN_UNIT), appending nothing', async () => {
    const nominate = (units: object) =>
      counted(() => as(admin)('POST', '/dossiers', { ...command('NominateCandidate').data, ...units }));
    expect(await nominate({ branchId: 'thon-khong-co', nominatedBy: 'hoi-dong' })).toEqual({
      status: 422,
      code: 'UNKNOWN_UNIT',
      appended: 0,
    });
    expect(await nominate({ branchId: 'hoi-dong', nominatedBy: 'hoi-dong' })).toEqual({
      status: 422,
      code: 'UNKNOWN_UNIT',
      appended: 0,
    });
    expect(await nominate({ branchId: 'thon-mot', nominatedBy: 'hoi-tay' })).toEqual({
      status: 422,
      code: 'UNKNOWN_UNIT',
      appended: 0,
    });
    expect(await nominate({ branchId: 'thon-mot', nominatedBy: 'thon-hai' })).toEqual({
      status: 422,
      code: 'UNKNOWN_UNIT',
      appended: 0,
    });
    expect(
      await counted(() =>
        as(admin)('PUT', '/units/thon-moi', { name: 'Thôn mới', kind: 'branch', parentId: 'xa-khong-co' }),
      ),
    ).toEqual({ status: 422, code: 'UNKNOWN_UNIT', appended: 0 });
    expect(
      await counted(() =>
        as(admin)('PUT', '/units/thon-moi', { name: 'Thôn mới', kind: 'branch', parentId: 'thon-mot' }),
      ),
    ).toEqual({ status: 422, code: 'UNKNOWN_UNIT', appended: 0 });
    const plan = { committeeId: 'thon-mot', units: [{ unitId: 'xa-tay', quarters: [] }] };
    expect(await counted(() => as(admin)('PUT', '/plans/2025', plan))).toEqual({
      status: 422,
      code: 'UNKNOWN_UNIT',
      appended: 0,
    });
  });

  it('lets a mass organisation nominate only for itself into a branch of its own committee', async () => {
    const massOrg = await tokenFor('mass-org', { units: ['hoi-tay'] });
    const body = { ...command('NominateCandidate').data, nominatedOn: '2024-06-01' };
    expect(
      await counted(() => as(massOrg)('POST', '/dossiers', { ...body, branchId: 'thon-mot', nominatedBy: 'hoi-tay' })),
    ).toEqual({ status: 422, code: 'UNKNOWN_UNIT', appended: 0 });
    expect(
      await counted(() => as(massOrg)('POST', '/dossiers', { ...body, branchId: 'thon-mot', nominatedBy: 'hoi-dong' })),
    ).toEqual({ status: 403, code: 'FORBIDDEN', appended: 0 });
    expect(
      await counted(() => as(massOrg)('POST', '/dossiers', { ...body, branchId: 'thon-tay', nominatedBy: 'thon-tay' })),
    ).toEqual({ status: 403, code: 'FORBIDDEN', appended: 0 });
    expect(
      await counted(() => as(massOrg)('POST', '/dossiers', { ...body, branchId: 'thon-tay', nominatedBy: 'hoi-tay' })),
    ).toMatchObject({ status: 201, appended: 1 });
  });

  it('refuses every route to an office (or any role scoped to units) whose token names no unit', async () => {
    for (const role of ['office', 'secretary', 'mass-org', 'viewer'] as const) {
      const token = await tokenFor(role);
      expectProblem(await as(token)('GET', '/units'), 403, 'FORBIDDEN');
      expect(
        await counted(() =>
          as(token)('POST', '/dossiers', {
            ...command('NominateCandidate').data,
            branchId: 'thon-mot',
            nominatedBy: 'hoi-dong',
          }),
        ),
      ).toEqual({ status: 403, code: 'FORBIDDEN', appended: 0 });
    }
  });

  it('judges a correction by the permission of the step it corrects, found by its event id', async () => {
    const decision = eventOf('AdmissionDecided');
    const fix = (token: string, eventId: string, changes: object) =>
      counted(() => as(token)('POST', `/dossiers/${admitted}/correction`, { eventId, changes, reason: 'Nhập sai' }));
    expect(await fix(secretary, decision, { decisionNo: '313-QĐ/HU' })).toEqual({
      status: 403,
      code: 'FORBIDDEN',
      appended: 0,
    });
    expect(await fix(standing, eventOf('HelpersAssigned'), { assignedOn: '2023-09-16' })).toEqual({
      status: 403,
      code: 'FORBIDDEN',
      appended: 0,
    });
    expect(await fix(standing, decision, { decisionNo: '313-QĐ/HU' })).toMatchObject({ status: 200, appended: 1 });
    expect(await fix(secretary, eventOf('HelpersAssigned'), { assignedOn: '2023-09-16' })).toMatchObject({
      status: 200,
      appended: 1,
    });
  });

  it('checks a corrected value as the step would be checked (lengths, ranges, unit ids), appending nothing', async () => {
    const nomination = eventOf('CandidateNominated');
    const fix = (changes: object) =>
      counted(() =>
        as(office)('POST', `/dossiers/${admitted}/correction`, { eventId: nomination, changes, reason: 'Nhập sai' }),
      );
    expect(await fix({ 'candidate.fullName': 'A'.repeat(201) })).toEqual({
      status: 400,
      code: 'INVALID_COMMAND',
      appended: 0,
    });
    expect(await fix({ branchId: 'thon-khong-co' })).toEqual({ status: 422, code: 'UNKNOWN_UNIT', appended: 0 });
    expect(await fix({ branchId: 'Thôn Một' })).toEqual({ status: 400, code: 'INVALID_COMMAND', appended: 0 });
    const votes = eventOf('BranchResolutionAdopted');
    expect(
      await counted(() =>
        as(office)('POST', `/dossiers/${admitted}/correction`, {
          eventId: votes,
          changes: { officialMembers: 20_000, votesFor: 15_000 },
          reason: 'x',
        }),
      ),
    ).toEqual({
      status: 400,
      code: 'INVALID_COMMAND',
      appended: 0,
    });
  });

  it('keeps a correction from moving a dossier out of the units its actor acts for; reads as of a date need both states', async () => {
    const moved = await dossierThrough('NominateCandidate', { nominatedOn: '2024-06-03' });
    const nomination = (await as(admin)('GET', `/dossiers/${moved}/history`)).body.items[0].eventId;
    const move = (token: string) =>
      counted(() =>
        as(token)('POST', `/dossiers/${moved}/correction`, {
          eventId: nomination,
          changes: { branchId: 'thon-hai', nominatedBy: 'thon-hai' },
          reason: 'Nhầm chi bộ',
        }),
      );
    expect(await move(secretary)).toEqual({ status: 403, code: 'FORBIDDEN', appended: 0 });
    expect(await move(secretaryHai)).toEqual({ status: 403, code: 'FORBIDDEN', appended: 0 });
    expect(await move(office)).toMatchObject({ status: 200, appended: 1 });
    expect((await as(secretaryHai)('GET', `/dossiers/${moved}`)).status).toBe(200);
    expect((await as(secretary)('GET', `/dossiers/${moved}`)).status).toBe(403);
    // As of 2024-06-05 the dossier was in thon-mot (the correction is dated today): a reader needs both.
    expect((await as(office)('GET', `/dossiers/${moved}?asOf=2024-06-05`)).body).toMatchObject({
      branchId: 'thon-mot',
    });
    expectProblem(await as(secretary)('GET', `/dossiers/${moved}?asOf=2024-06-05`), 403, 'FORBIDDEN');
    expectProblem(await as(secretaryHai)('GET', `/dossiers/${moved}?asOf=2024-06-05`), 403, 'FORBIDDEN');
  });

  it("narrows reports, deadlines and inspection cases to the reader's units", async () => {
    await settled(app.baseUrl);
    // Two party committees: the reports are asked of one (API.md "Committees and reports across levels").
    const quota = (await as(secretary)('GET', '/committees/xa-dong/reports/quota/2024')).body;
    expect(quota.units.map((u: { unitId: string }) => u.unitId)).toEqual(['thon-mot']);
    expect(quota).toMatchObject({ scope: { units: ['thon-mot'] }, minimums: [] });
    expect(quota.rules).toEqual(
      expect.arrayContaining([expect.stringContaining('Narrowed to the units the reader acts for')]),
    );
    expect(
      (await as(office)('GET', '/committees/xa-dong/reports/quota/2024')).body.units.map(
        (u: { unitId: string }) => u.unitId,
      ),
    ).toEqual(['thon-mot', 'thon-hai', 'hoi-dong']);
    const elsewhere = (await as(otherOffice)('GET', '/committees/xa-dong/reports/quota/2024')).body;
    expect(elsewhere.units).toEqual([]);
    expect(elsewhere.minimums).toEqual([]);
    expectProblem(await as(otherOffice)('GET', '/committees/xa-tay/reports/quota/2024'), 404, 'PLAN_NOT_FOUND');
    const unscoped = await as(office)('GET', '/reports/quota/2024');
    expectProblem(unscoped, 400, 'COMMITTEE_REQUIRED');
    expect(unscoped.body.details).toEqual({ committees: ['xa-dong', 'xa-tay'] });
    expect(
      (await as(secretary)('GET', '/committees/xa-dong/reports/pipeline')).body.branches.map(
        (b: { branchId: string }) => b.branchId,
      ),
    ).toEqual(['thon-mot']);
    expect(
      (await as(otherOffice)('GET', '/committees/xa-tay/reports/pipeline')).body.branches.map(
        (b: { branchId: string }) => b.branchId,
      ),
    ).toEqual(['thon-tay']);
    expect((await as(office)('GET', '/committees/xa-dong/reports/admissions/2024')).body.total).toBe(1);
    expect((await as(otherOffice)('GET', '/committees/xa-tay/reports/admissions/2024')).body.total).toBe(0);
    expect((await as(secretaryHai)('GET', '/committees/xa-dong/reports/admissions/2024')).body.total).toBe(0);
    const deadlines = (token: string) =>
      as(token)('GET', '/deadlines').then((a) => a.body.items.map((d: { dossierId: string }) => d.dossierId));
    expect(await deadlines(office)).toEqual(expect.arrayContaining([admitted, breached]));
    expect(await deadlines(otherOffice)).toEqual([]);
    const caseId = `${breached}_admission-decision_2024-06-04`;
    expect((await as(office)('GET', '/inspection/cases')).body.items.map((c: { id: string }) => c.id)).toContain(
      caseId,
    );
    expect((await as(otherOffice)('GET', '/inspection/cases')).body.items).toEqual([]);
    expectProblem(await as(otherOffice)('GET', `/inspection/cases/${caseId}`), 403, 'FORBIDDEN');
    expect((await as(inspector)('GET', `/inspection/cases/${caseId}`)).status).toBe(200);
  });

  it('neutralises a CSV cell a spreadsheet would read as a formula', async () => {
    const res = await fetch(`${app.baseUrl}/api/v1/committees/xa-dong/reports/quota/2024`, {
      headers: { authorization: `Bearer ${office}`, accept: 'text/csv' },
    });
    const csv = await res.text();
    expect(csv).toContain(`"'=HYPERLINK(""http://x.invalid"",""Chi bộ thôn Hai"")"`);
    expect(
      csv
        .split('\r\n')
        .flatMap((line) => line.split(','))
        .filter((cell) => /^"?[=+@\t]/.test(cell)),
    ).toEqual([]);
  });

  it('limits the expensive reads of one token a minute (past-date quota reports, audit verification), not the cheap ones', async () => {
    const past = () => as(standing)('GET', '/committees/xa-dong/reports/quota/2024?asOf=2024-03-31');
    expect([(await past()).status, (await past()).status]).toEqual([200, 200]);
    const limited = await past();
    expectProblem(limited, 429, 'TOO_MANY_REQUESTS');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await as(standing)('GET', '/committees/xa-dong/reports/quota/2024')).status).toBe(200);
    expect((await as(inspector)('GET', '/committees/xa-dong/reports/quota/2024?asOf=2024-03-31')).status).toBe(200);
    expect([
      (await as(office)('GET', '/audit/verify')).status,
      (await as(office)('GET', '/audit/verify')).status,
    ]).toEqual([200, 200]);
    expectProblem(await as(office)('GET', '/audit/verify'), 429, 'TOO_MANY_REQUESTS');
  });
});
