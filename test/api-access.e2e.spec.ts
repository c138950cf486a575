import { ROLES, type Role } from '@ketnap/engine';
import { command, MAIN_LINE } from '@ketnap/domain/testing';
import { STEP_COMMANDS, type StepName } from '@ketnap/domain';
import type { AppProcess } from './support/app-process';
import { appForSuite, call, eventCount, tokenFor, type Answer } from './api-support';
import { answerGaps, type OpenApiDocument } from './support/openapi-completeness';
import { exampleOf, expectedAccess, operationsOf, rawRequest, type Operation } from './support/openapi-walk';
import { settled, twoCommunes } from './support/two-communes';

/**
 * API.md "Access", proved over every route the OpenAPI document lists (a route added later is walked
 * without editing this suite): no token, a bad token, and each role with a token that reaches the
 * route's units and one that does not, answer what the permission table says; no refusal appends;
 * every answer is one the document lists for the route, its body fitting the documented schema.
 */

const STEP_OF = Object.fromEntries(Object.entries(STEP_COMMANDS).map(([step, type]) => [type, step])) as Record<
  string,
  StepName
>;
/** The units of each role's token that reach the fixtures (in scope), and that do not (out of scope). */
const IN_SCOPE: Record<Role, string[]> = {
  admin: [],
  'standing-committee': [],
  inspector: [],
  office: ['xa-dong'],
  secretary: ['thon-mot'],
  'mass-org': ['hoi-dong'],
  viewer: ['xa-dong'],
};
const OUT_OF_SCOPE: Partial<Record<Role, string[]>> = {
  office: ['xa-tay'],
  secretary: ['thon-tay'],
  'mass-org': ['hoi-tay'],
  viewer: ['xa-tay'],
};
/**
 * The unscoped routes a deployment of several party committees (the fixture's two communes) answers
 * with 400 `COMMITTEE_REQUIRED` naming them (API.md "Committees and reports across levels"); their
 * `/committees/{committeeId}/…` routes are walked instead.
 */
const UNSCOPED = new Set([
  'GET /api/v1/plans/{year}',
  'GET /api/v1/reports/quota/{year}',
  'GET /api/v1/reports/pipeline',
  'GET /api/v1/reports/admissions/{year}',
]);
const BAD_TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl';

describe('API access, walked over the OpenAPI document', () => {
  let app: AppProcess;
  // The clock stands still after the fixture's admission decision fell due: the saga escalates it at
  // start, then nothing falls due while the walk runs. The failed-authentication limit counts per
  // address, which KETNAP_TRUST_PROXY lets the suite vary with X-Forwarded-For.
  appForSuite(
    { KETNAP_CLOCK: 'manual', KETNAP_START_AT: '2024-06-10T08:00:00+07:00', KETNAP_TRUST_PROXY: 'loopback' },
    (started) => (app = started),
  );
  let admin: string;
  let doc: Parameters<typeof operationsOf>[0];
  let dossierId: string;
  let breachedId: string;
  let caseId: string;
  const tokens = new Map<string, string>();
  let forwardedFor = 0;

  const send = (op: Operation, path: string, token: string | undefined, json?: unknown): Promise<Answer> =>
    call(app.baseUrl, op.method, path, {
      ...(token && { token }),
      ...(json !== undefined && { json }),
      headers: { 'x-forwarded-for': `198.51.100.${(forwardedFor = (forwardedFor % 250) + 1)}` },
    });

  const pathOf = (op: Operation): string =>
    op.template.replace(/\{(\w+)\}/g, (_, name: string) => {
      if (name === 'id') return op.template.startsWith('/api/v1/inspection/cases') ? caseId : dossierId;
      if (name === 'unitId') return op.method === 'PUT' ? 'don-vi-moi' : 'thon-mot';
      if (name === 'year') return '2024';
      if (name === 'committeeId') return 'xa-dong';
      if (name === 'quarter') return '1';
      if (name === 'username') return 'ba.tran';
      throw new Error(
        `no fixture for the path parameter {${name}} of ${op.method} ${op.template}: add one to this suite`,
      );
    });
  // A correction needs the permission of the step it corrects too: naming no step of the dossier
  // leaves the route's own permission to judge (the test of corrections checks the rest).
  const bodyOf = (op: Operation): unknown =>
    op.body &&
    exampleOf(op.body, doc, {
      branchId: 'thon-mot',
      nominatedBy: 'hoi-dong',
      committeeId: 'xa-dong',
      unitId: 'thon-mot',
      parentId: 'xa-dong',
      eventId: 'no-step-of-this-dossier',
    });

  beforeAll(async () => {
    admin = await tokenFor('admin');
    for (const [id, unit] of twoCommunes())
      expect((await call(app.baseUrl, 'PUT', `/api/v1/units/${id}`, { token: admin, json: unit })).status).toBe(200);
    const quarters = [1, 2, 3, 4].map((quarter) => ({ quarter, nominations: 1, admissions: 1 }));
    const plan = {
      committeeId: 'xa-dong',
      units: ['thon-mot', 'thon-hai', 'hoi-dong'].map((unitId) => ({ unitId, quarters })),
    };
    expect((await call(app.baseUrl, 'PUT', '/api/v1/plans/2024', { token: admin, json: plan })).status).toBe(200);
    // The sweep a clock move runs issues the first quarter's quota report now, not at a later sweep of the walk.
    const moved = await call(app.baseUrl, 'POST', '/api/v1/system/clock', {
      token: admin,
      json: { now: '2024-06-10T08:00:01+07:00' },
    });
    expect(moved.body).toMatchObject({ issued: 1 });
    const nominate = (json: object) =>
      call(app.baseUrl, 'POST', '/api/v1/dossiers', {
        token: admin,
        json: { ...json, branchId: 'thon-mot', nominatedBy: 'hoi-dong' },
      });
    dossierId = (await nominate({ ...command('NominateCandidate').data, nominatedOn: '2024-02-01' })).body.id;
    breachedId = (await nominate(command('NominateCandidate').data)).body.id;
    for (const type of MAIN_LINE.slice(1, MAIN_LINE.indexOf('RecordBranchResolution') + 1)) {
      const answer = await call(app.baseUrl, 'POST', `/api/v1/dossiers/${breachedId}/${STEP_OF[type]}`, {
        token: admin,
        json: command(type).data,
      });
      expect({ type, status: answer.status }).toEqual({ type, status: 200 });
    }
    caseId = `${breachedId}_admission-decision_2024-06-04`;
    for (
      let i = 0;
      i < 200 &&
      (await call(app.baseUrl, 'GET', `/api/v1/inspection/cases/${caseId}`, { token: admin })).status !== 200;
      i += 1
    ) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    // The login's example names a user: it exists, so the public route answers 200 (the user the
    // other account routes name, `ba.tran`, does not: they change nothing).
    doc = (await call(app.baseUrl, 'GET', '/docs-json')).body;
    const login = operationsOf(doc).find((op) => op.template === '/api/v1/auth/login')!;
    const { username, password } = exampleOf(login.body!, doc, {}) as { username: string; password: string };
    const user = { name: 'Người dùng mẫu', role: 'secretary', units: ['thon-mot'], password };
    expect((await call(app.baseUrl, 'PUT', `/api/v1/users/${username}`, { token: admin, json: user })).status).toBe(
      200,
    );
    await settled(app.baseUrl);
    for (const role of ROLES) {
      tokens.set(`${role}:in`, await tokenFor(role, { units: IN_SCOPE[role] }));
      if (OUT_OF_SCOPE[role])
        tokens.set(`${role}:out`, await tokenFor(role, { sub: `${role}-elsewhere`, units: OUT_OF_SCOPE[role] }));
    }
  }, 60_000);

  it('lists every route with its access: public, or permissions and a unit scope', () => {
    const ops = operationsOf(doc);
    expect(ops.length).toBeGreaterThanOrEqual(35);
    expect(ops.filter((op) => op.public).map((op) => op.template)).toEqual([
      '/health',
      '/metrics',
      '/api/v1/auth/login',
    ]);
    expect(
      ops
        .filter((op) => !op.public && (op.permissions === undefined || op.scope === undefined))
        .map((op) => `${op.method} ${op.template}`),
    ).toEqual([]);
    expect(doc.paths['/api/v1/inspection/cases/{id}'].get).toMatchObject({
      'x-ketnap-permissions': ['inspection:read'],
      'x-ketnap-scope': 'resource',
    });
  });

  it('answers every route as the permission table says, for no token, a bad token and every role in and out of its units, appending nothing on a refusal', async () => {
    const seen: string[] = [];
    for (const op of operationsOf(doc)) {
      const path = pathOf(op);
      const body = bodyOf(op);
      const callAs = async (
        who: string,
        token: string | undefined,
        expected: 'allowed' | 'refused' | 'filtered' | 'unauthenticated',
      ) => {
        const before = await eventCount(app.baseUrl);
        const answer = await send(op, path, token, body);
        const what = `${op.method} ${op.template} as ${who}`;
        const documented = answerGaps(doc as unknown as OpenApiDocument, {
          method: op.method,
          template: op.template,
          status: answer.status,
          contentType: answer.headers.get('content-type'),
          body: answer.body,
        });
        expect({ what, documented }).toEqual({ what, documented: [] });
        if (op.public) expect({ what, status: answer.status }).toEqual({ what, status: 200 });
        else if (expected === 'unauthenticated') expect({ what, status: answer.status }).toEqual({ what, status: 401 });
        else if (expected === 'refused')
          expect({ what, status: answer.status, code: answer.body?.code }).toEqual({
            what,
            status: 403,
            code: 'FORBIDDEN',
          });
        else expect({ what, refused: [401, 403, 429, 500].includes(answer.status) }).toEqual({ what, refused: false });
        if (UNSCOPED.has(`${op.method} ${op.template}`) && (expected === 'allowed' || expected === 'filtered')) {
          expect({ what, status: answer.status, code: answer.body?.code }).toEqual({
            what,
            status: 400,
            code: 'COMMITTEE_REQUIRED',
          });
        } else if (expected === 'filtered') {
          expect({ what, status: answer.status }).toEqual({ what, status: 200 });
          const leaked = [dossierId, breachedId, 'thon-mot', 'hoi-dong'].filter((text) => answer.text.includes(text));
          expect({ what, leaked }).toEqual({ what, leaked: [] });
        }
        if (expected === 'allowed' && op.method !== 'GET') await settled(app.baseUrl);
        if (expected !== 'allowed' && expected !== 'filtered')
          expect({ what, appended: (await eventCount(app.baseUrl)) - before }).toEqual({ what, appended: 0 });
        seen.push(what);
      };
      await callAs('no token', undefined, 'unauthenticated');
      await callAs('a bad token', BAD_TOKEN, 'unauthenticated');
      for (const role of ROLES) {
        if (OUT_OF_SCOPE[role])
          await callAs(`${role} outside its units`, tokens.get(`${role}:out`), expectedAccess(op, role, false));
      }
      for (const role of ROLES)
        await callAs(`${role} in its units`, tokens.get(`${role}:in`), expectedAccess(op, role, true));
    }
    expect(seen.length).toBeGreaterThanOrEqual(35 * (2 + ROLES.length + Object.keys(OUT_OF_SCOPE).length));
  }, 240_000);

  it('never lets a path variant, another method or a path outside the routes past authentication', async () => {
    const variants = (path: string): string[] => {
      const rest = path.slice('/api/v1/'.length);
      const all = [
        `/API/v1/${rest}`,
        `/api/V1/${rest}`,
        `//api/v1/${rest}`,
        `/api/v1/./${rest}`,
        `/api%2Fv1/${rest}`,
        `/api/v1/${rest}/`,
        `/api/v1/../v1/${rest}`,
        `/api/v1/${rest.replace('/', '%2F')}`,
      ];
      return all.filter((variant) => variant !== path);
    };
    for (const op of operationsOf(doc).filter((o) => !o.public)) {
      const path = pathOf(op);
      for (const variant of variants(path)) {
        const before = await eventCount(app.baseUrl);
        const anonymous = await rawRequest(app.baseUrl, op.method, variant);
        const authenticated = await rawRequest(app.baseUrl, op.method, variant, {
          authorization: `Bearer ${admin}`,
          'content-type': 'application/json',
        });
        expect({
          variant,
          method: op.method,
          anonymous: anonymous.status,
          authenticated: authenticated.status,
        }).toEqual({ variant, method: op.method, anonymous: 401, authenticated: 404 });
        expect({ variant, appended: (await eventCount(app.baseUrl)) - before }).toEqual({ variant, appended: 0 });
      }
      if (op.method === 'GET') {
        expect({ path, head: (await rawRequest(app.baseUrl, 'HEAD', path)).status }).toEqual({ path, head: 401 });
        expect({
          path,
          head: (await rawRequest(app.baseUrl, 'HEAD', path, { authorization: `Bearer ${admin}` })).status,
        }).toEqual({ path, head: UNSCOPED.has(`${op.method} ${op.template}`) ? 400 : 200 });
      }
    }
    for (const path of [
      '/api',
      '/api/',
      '/api/v1',
      '/api/v2/units',
      '/api/v1/nothing-here',
      '/API/V1/UNITS',
      '/HEALTH',
      '/health/',
      '/docs-JSON',
      '/docs/../api/v1/units',
      '//',
      '/console',
      '/console/../api/v1/units',
      '/console/%2e%2e/api/v1/units',
      '/CONSOLE/app.js',
    ]) {
      expect({ path, anonymous: (await rawRequest(app.baseUrl, 'GET', path)).status }).toEqual({
        path,
        anonymous: 401,
      });
      expect({
        path,
        authenticated: (await rawRequest(app.baseUrl, 'GET', path, { authorization: `Bearer ${admin}` })).status,
      }).toEqual({ path, authenticated: 404 });
    }
    for (const path of ['/health', '/metrics', '/docs', '/docs-json', '/', '/console/app.js'])
      expect({ path, status: (await rawRequest(app.baseUrl, 'GET', path)).status }).toEqual({ path, status: 200 });
    // The console's files are public, as a file of the OpenAPI UI: one it does not have is a 404, not a 401.
    expect((await rawRequest(app.baseUrl, 'GET', '/console/nothing-here.js')).status).toBe(404);
  }, 120_000);
});
