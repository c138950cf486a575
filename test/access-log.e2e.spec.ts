import { command, MAIN_LINE } from '@ketnap/domain/testing';
import { STEP_COMMANDS, type StepName } from '@ketnap/domain';
import type { Role } from '@ketnap/engine';
import { rmSync } from 'node:fs';
import { startApp, type AppProcess } from './support/app-process';
import { AUTH_SECRET, appForSuite, call, eventCount, expectProblem, tempDataDir, tokenFor } from './api-support';
import { settled, twoCommunes } from './support/two-communes';

/**
 * API.md "Personal data": `GET /audit/access` answers who read a dossier's personal data, and when:
 * a read by each role that may read it shows with its username and role; a read that serves no
 * personal data, a refused one and the log's own reads add nothing.
 */

const STEP_OF = Object.fromEntries(Object.entries(STEP_COMMANDS).map(([step, type]) => [type, step])) as Record<
  string,
  StepName
>;
const UNKNOWN_DOSSIER = '0b7f8f5e-3c44-4c1a-9d7e-2f1d7e0c9a11';

describe('API access log of personal-data reads', () => {
  let app: AppProcess;
  // The clock stands still after the breached dossier's admission decision fell due, so its case is open.
  appForSuite({ KETNAP_CLOCK: 'manual', KETNAP_START_AT: '2024-06-10T08:00:00+07:00' }, (started) => (app = started));
  let admin: string;
  let inspector: string;
  let dossierId: string;
  let breachedId: string;
  let caseId: string;
  const get = (path: string, token: string) => call(app.baseUrl, 'GET', `/api/v1${path}`, { token });
  const accessLog = async (query: string) => {
    const answer = await get(`/audit/access${query}`, inspector);
    expect({ query, status: answer.status }).toEqual({ query, status: 200 });
    return answer.body as { items: Array<Record<string, string>>; nextCursor: string | null };
  };

  beforeAll(async () => {
    admin = await tokenFor('admin');
    inspector = await tokenFor('inspector', { sub: 'kiem-tra-1' });
    for (const [id, unit] of twoCommunes())
      expect((await call(app.baseUrl, 'PUT', `/api/v1/units/${id}`, { token: admin, json: unit })).status).toBe(200);
    const nominate = async (json: object) =>
      (
        await call(app.baseUrl, 'POST', '/api/v1/dossiers', {
          token: admin,
          json: { ...json, branchId: 'thon-mot', nominatedBy: 'hoi-dong' },
        })
      ).body.id as string;
    dossierId = await nominate({ ...command('NominateCandidate').data, nominatedOn: '2024-02-01' });
    breachedId = await nominate(command('NominateCandidate').data);
    for (const type of MAIN_LINE.slice(1, MAIN_LINE.indexOf('RecordBranchResolution') + 1)) {
      const answer = await call(app.baseUrl, 'POST', `/api/v1/dossiers/${breachedId}/${STEP_OF[type]}`, {
        token: admin,
        json: command(type).data,
      });
      expect({ type, status: answer.status }).toEqual({ type, status: 200 });
    }
    caseId = `${breachedId}_admission-decision_2024-06-04`;
    await settled(app.baseUrl);
  }, 60_000);

  it("logs a read by each role that may read personal data, with the reader's username and role", async () => {
    const reads: Array<[Role, string[], string, string, string]> = [
      ['admin', [], `/dossiers/${dossierId}`, 'dossier', dossierId],
      ['office', ['xa-dong'], `/dossiers/${dossierId}?asOf=2024-03-01`, 'dossier', dossierId],
      ['secretary', ['thon-mot'], `/dossiers/${dossierId}/history`, 'history', dossierId],
      ['mass-org', ['hoi-dong'], `/dossiers/${dossierId}`, 'dossier', dossierId],
      ['standing-committee', [], `/dossiers/${dossierId}/history`, 'history', dossierId],
      ['inspector', [], `/inspection/cases/${caseId}`, 'inspection-case', breachedId],
      ['viewer', ['xa-dong'], '/dossiers?branchId=thon-mot', 'list', dossierId],
    ];
    for (const [role, units, path] of reads) {
      const answer = await get(path, await tokenFor(role, { sub: `${role}-reader`, units }));
      expect({ role, path, status: answer.status }).toEqual({ role, path, status: 200 });
    }
    const logged = [
      ...(await accessLog(`?dossierId=${dossierId}`)).items,
      ...(await accessLog(`?dossierId=${breachedId}`)).items,
    ];
    for (const [role, , , what, id] of reads)
      expect(logged).toContainEqual({
        dossierId: id,
        username: `${role}-reader`,
        role,
        what,
        at: '2024-06-10T01:00:00.000Z',
      });
    // The viewer's page names both candidates: a read of each.
    expect((await accessLog(`?dossierId=${breachedId}`)).items).toContainEqual(
      expect.objectContaining({ username: 'viewer-reader', what: 'list' }),
    );
    const all = await accessLog('');
    expect(all.items[0]).toMatchObject({ username: 'viewer-reader', what: 'list' });
    expect(JSON.stringify(all)).not.toContain(command('NominateCandidate').data.candidate.fullName);
  });

  it('logs nothing for a read that serves no personal data, a refused, missing or HEAD one, or a read of the log', async () => {
    const before = { head: await eventCount(app.baseUrl), log: await accessLog('?limit=500') };
    const office = await tokenFor('office', { units: ['xa-dong'] });
    const answers = [
      await get('/committees/xa-dong/reports/pipeline', office),
      await get('/committees/xa-dong/reports/admissions/2024', office),
      await get('/deadlines?status=open', office),
      await get('/audit/verify', inspector),
      await get('/audit/checkpoints', inspector),
      await get(`/audit/access?dossierId=${dossierId}`, admin),
    ];
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expectProblem(await get(`/dossiers/${dossierId}`, await tokenFor('viewer', { units: ['xa-dong'] })), 403);
    expectProblem(await get(`/dossiers/${dossierId}`, await tokenFor('secretary', { units: ['thon-tay'] })), 403);
    expectProblem(await get(`/dossiers/${UNKNOWN_DOSSIER}/history`, admin), 404);
    // A HEAD request is answered the headers only.
    for (const path of [`/dossiers/${dossierId}`, `/dossiers/${dossierId}/history`, '/dossiers', '/inspection/cases']) {
      const head = await call(app.baseUrl, 'HEAD', `/api/v1${path}`, { token: admin });
      expect({ path, status: head.status, body: head.text }).toEqual({ path, status: 200, body: '' });
    }
    expect(await eventCount(app.baseUrl)).toBe(before.head);
    expect(await accessLog('?limit=500')).toEqual(before.log);
    expect(await accessLog(`?dossierId=${UNKNOWN_DOSSIER}`)).toEqual({ items: [], nextCursor: null });
  });

  it('answers the log to the admin and the inspection committee only (403 for every other role)', async () => {
    expect((await get(`/audit/access?dossierId=${dossierId}`, admin)).status).toBe(200);
    for (const [role, units] of [
      ['office', ['xa-dong']],
      ['secretary', ['thon-mot']],
      ['mass-org', ['hoi-dong']],
      ['standing-committee', []],
      ['viewer', ['xa-dong']],
    ] as Array<[Role, string[]]>) {
      const before = await eventCount(app.baseUrl);
      expectProblem(
        await get(`/audit/access?dossierId=${dossierId}`, await tokenFor(role, { units })),
        403,
        'FORBIDDEN',
      );
      expect({ role, appended: (await eventCount(app.baseUrl)) - before }).toEqual({ role, appended: 0 });
    }
  });

  it('refuses an invalid query with 400 naming each field, appending nothing', async () => {
    await get(`/dossiers/${dossierId}`, admin);
    const before = await eventCount(app.baseUrl);
    const bad = await get('/audit/access?dossierId=Nguyen%20Thi%20An&limit=0', inspector);
    expectProblem(bad, 400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['dossierId', 'limit']);
    expectProblem(await get('/audit/access?cursor=not-a-cursor', inspector), 400);
    expectProblem(await get('/audit/access?since=2024-01-01', inspector), 400);
    expect(await eventCount(app.baseUrl)).toBe(before);
  });

  it('pages the log newest first with the cursor it hands out', async () => {
    const whole = await accessLog(`?dossierId=${dossierId}&limit=500`);
    expect(whole.items.length).toBeGreaterThan(3);
    const pages: Array<Record<string, string>> = [];
    let cursor: string | null = null;
    do {
      const page: { items: Array<Record<string, string>>; nextCursor: string | null } = await accessLog(
        `?dossierId=${dossierId}&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      pages.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    expect(pages).toEqual(whole.items);
  });
});

describe('API access log when the app stops', () => {
  it('keeps the reads served just before a stop: they are in the log once the app runs again', async () => {
    const dataDir = tempDataDir();
    const env = { KETNAP_DATA_DIR: dataDir, AUTH_SECRET };
    try {
      const admin = await tokenFor('admin', { sub: 'quan-tri' });
      let app = await startApp(env);
      for (const [id, unit] of twoCommunes().slice(0, 4))
        expect((await call(app.baseUrl, 'PUT', `/api/v1/units/${id}`, { token: admin, json: unit })).status).toBe(200);
      const nominated = await call(app.baseUrl, 'POST', '/api/v1/dossiers', {
        token: admin,
        json: { ...command('NominateCandidate').data, branchId: 'thon-mot', nominatedBy: 'hoi-dong' },
      });
      const id = nominated.body.id as string;
      expect((await call(app.baseUrl, 'GET', `/api/v1/dossiers/${id}/history`, { token: admin })).status).toBe(200);
      expect(await app.stop('SIGTERM')).toBe(0);
      app = await startApp(env);
      try {
        const log = await call(app.baseUrl, 'GET', `/api/v1/audit/access?dossierId=${id}`, { token: admin });
        expect(log.body.items).toEqual([expect.objectContaining({ username: 'quan-tri', what: 'history' })]);
      } finally {
        await app.stop();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
