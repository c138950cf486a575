import { command } from '@ketnap/domain/testing';
import type { AppProcess } from './support/app-process';
import { appForSuite, call, tokenFor, type RequestOptions } from './api-support';
import { answerGaps, gapsOf, type OpenApiDocument } from './support/openapi-completeness';
import { catalogueGaps, examplesAt } from './support/problem-examples';
import { operationsOf } from './support/openapi-walk';

/**
 * `/docs` and `/docs-json` as an office PC reaches them over plain http (issue 13): the UI page and
 * every file it names load under the page's own Content-Security-Policy, nothing is upgraded to https,
 * and the document describes every route completely.
 */
describe('the OpenAPI UI and document', () => {
  let app: AppProcess;
  appForSuite({ KETNAP_TRUST_PROXY: 'loopback' }, (started) => (app = started));

  /** The CSP of an answer as `{ directive: [sources] }`. */
  const policyOf = (header: string | null): Record<string, string[]> =>
    Object.fromEntries(
      (header ?? '')
        .split(';')
        .map((part) => part.trim().split(/\s+/))
        .filter(([name]) => name)
        .map(([name, ...sources]) => [name, sources]),
    );

  it('serves the UI page over plain http with a CSP that loads its own scripts and styles and upgrades nothing', async () => {
    const page = await call(app.baseUrl, 'GET', '/docs');
    expect({ status: page.status, type: page.headers.get('content-type') }).toEqual({
      status: 200,
      type: expect.stringMatching(/^text\/html/),
    });
    const policy = policyOf(page.headers.get('content-security-policy'));
    expect(Object.keys(policy)).not.toContain('upgrade-insecure-requests');
    expect(policy['block-all-mixed-content']).toBeUndefined();
    expect(policy['script-src']).toEqual(["'self'"]);
    expect(policy['style-src']).toEqual(expect.arrayContaining(["'self'", "'unsafe-inline'"]));
    expect(policy['default-src']).toEqual(["'self'"]);
    expect(page.headers.get('strict-transport-security')).toBeNull();

    // Every script is a file of the page's own origin ('self' admits it; an inline one would be refused).
    const scripts = [...page.text.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThanOrEqual(3);
    expect(scripts.filter(([, attributes, body]) => !/\ssrc=/.test(attributes) && body.trim() !== '')).toEqual([]);
    const assets = [
      ...scripts.map(([, attributes]) => /\ssrc="([^"]+)"/.exec(attributes)![1]),
      ...[...page.text.matchAll(/<link[^>]*\shref="([^"]+)"/g)].map(([, href]) => href),
    ];
    const base = new URL('/docs', app.baseUrl);
    for (const asset of assets) {
      const url = new URL(asset, base);
      expect({ asset, origin: url.origin }).toEqual({ asset, origin: base.origin });
      const answer = await call(app.baseUrl, 'GET', url.pathname);
      const expected = /\.js$/.test(url.pathname) ? /javascript/ : /\.css$/.test(url.pathname) ? /text\/css/ : /image/;
      expect({ asset, status: answer.status, type: answer.headers.get('content-type') }).toEqual({
        asset,
        status: 200,
        type: expect.stringMatching(expected),
      });
      expect({
        asset,
        upgrade: /upgrade-insecure-requests/.test(answer.headers.get('content-security-policy') ?? ''),
      }).toEqual({ asset, upgrade: false });
    }
    // The UI's settings name the document it shows.
    const init = await call(app.baseUrl, 'GET', '/docs/swagger-ui-init.js');
    expect(init.text).toContain('"openapi"');
    expect(init.text).toContain('/api/v1/dossiers/{id}/history');
  });

  it('sends Strict-Transport-Security only on a request that came over https (a trusted proxy says so)', async () => {
    const plain = await call(app.baseUrl, 'GET', '/docs');
    const proxied = await call(app.baseUrl, 'GET', '/docs', { headers: { 'x-forwarded-proto': 'https' } });
    expect({
      plain: plain.headers.get('strict-transport-security'),
      proxied: proxied.headers.get('strict-transport-security'),
    }).toEqual({ plain: null, proxied: 'max-age=31536000; includeSubDomains' });
    expect(policyOf(proxied.headers.get('content-security-policy'))['upgrade-insecure-requests']).toBeUndefined();
  });

  it('documents every route: a summary, each response with its schema and example, every problem, every body', async () => {
    const doc = (await call(app.baseUrl, 'GET', '/docs-json')).body as OpenApiDocument;
    expect(operationsOf(doc as Parameters<typeof operationsOf>[0]).length).toBeGreaterThanOrEqual(38);
    expect(gapsOf(doc)).toEqual([]);
  });

  it('shows each problem as the API answers it: a Vietnamese catalogue message of its code, and says so', async () => {
    const doc = (await call(app.baseUrl, 'GET', '/docs-json')).body as OpenApiDocument & {
      info: { description: string };
    };
    expect(catalogueGaps(doc)).toEqual([]);
    expect(doc.info.description).toMatch(
      /Vietnamese by default, in English with Accept-Language: en; Content-Language/,
    );
    const language = { name: 'Accept-Language', in: 'header', required: false };
    for (const [path, operations] of Object.entries(doc.paths))
      for (const [method, operation] of Object.entries(operations))
        expect({ at: `${method} ${path}`, parameters: operation.parameters }).toEqual({
          at: `${method} ${path}`,
          parameters: expect.arrayContaining([expect.objectContaining(language)]),
        });
  });

  /**
   * Each refusal provoked is answered with a code one of its route's examples shows; `exact` when the
   * refusal's parameters are those of the example, which is then the very answer (detail included).
   */
  it('lists the problems the routes answer: each refusal provoked here is one its route documents', async () => {
    const doc = (await call(app.baseUrl, 'GET', '/docs-json')).body as OpenApiDocument;
    const admin = await tokenFor('admin');
    const viewer = await tokenFor('viewer', { units: ['xa-dong'] });
    const units: Array<[string, object]> = [
      ['xa-dong', { name: 'Đảng ủy xã Đông', kind: 'party-committee' }],
      [
        'thon-mot',
        { name: 'Chi bộ thôn Một', kind: 'branch', parentId: 'xa-dong', block: 'rural', officialMembers: 9 },
      ],
      ['hoi-dong', { name: 'Hội Phụ nữ xã Đông', kind: 'mass-org', parentId: 'xa-dong' }],
    ];
    for (const [id, unit] of units)
      expect((await call(app.baseUrl, 'PUT', `/api/v1/units/${id}`, { token: admin, json: unit })).status).toBe(200);
    const nomination = { ...command('NominateCandidate').data, branchId: 'thon-mot', nominatedBy: 'hoi-dong' };
    const id = (await call(app.baseUrl, 'POST', '/api/v1/dossiers', { token: admin, json: nomination })).body.id;
    const thonTu = { name: 'Chi bộ thôn Tư', kind: 'branch', parentId: 'xa-dong' };
    const keyed = { token: admin, json: thonTu, headers: { 'Idempotency-Key': 'docs-key-1' } };
    expect((await call(app.baseUrl, 'PUT', '/api/v1/units/thon-tu', keyed)).status).toBe(200);

    type Match = 'exact' | 'code';
    const cases: Array<[string, string, string, RequestOptions, number, Match]> = [
      ['PUT', '/api/v1/units/{unitId}', '/api/v1/units/Thon_Mot', { json: units[1][1] }, 400, 'exact'],
      [
        'PUT',
        '/api/v1/units/{unitId}',
        '/api/v1/units/thon-hai',
        { json: { name: 'x', kind: 'branch', parentId: 'xa-bac' } },
        422,
        'exact',
      ],
      [
        'PUT',
        '/api/v1/units/{unitId}',
        '/api/v1/units/thon-mot',
        { json: units[1][1], headers: { 'If-Match': '7' } },
        409,
        'code',
      ],
      [
        'PUT',
        '/api/v1/units/{unitId}',
        '/api/v1/units/thon-nam',
        { json: thonTu, headers: { 'Idempotency-Key': 'docs-key-1' } },
        409,
        'exact',
      ],
      ['GET', '/api/v1/units/{unitId}', '/api/v1/units/thon-ba', {}, 404, 'exact'],
      ['GET', '/api/v1/plans/{year}', '/api/v1/plans/2024', {}, 404, 'exact'],
      ['GET', '/api/v1/plans/{year}', '/api/v1/plans/1999', {}, 400, 'exact'],
      [
        'PUT',
        '/api/v1/plans/{year}',
        '/api/v1/plans/2024',
        { body: 'a\tb\n', contentType: 'text/tab-separated-values' },
        400,
        'code',
      ],
      [
        'POST',
        '/api/v1/dossiers',
        '/api/v1/dossiers',
        { body: '{"candidate":', contentType: 'application/json' },
        400,
        'exact',
      ],
      ['POST', '/api/v1/dossiers', '/api/v1/dossiers', { body: 'x', contentType: 'text/plain' }, 415, 'exact'],
      ['POST', '/api/v1/dossiers', '/api/v1/dossiers', { json: { ...nomination, branchId: 'thon-ba' } }, 422, 'exact'],
      ['POST', '/api/v1/dossiers', '/api/v1/dossiers', { json: nomination, token: viewer }, 403, 'exact'],
      ['POST', '/api/v1/dossiers', '/api/v1/dossiers', { json: nomination, token: 'not-a-token' }, 401, 'code'],
      [
        'POST',
        '/api/v1/dossiers/{id}/ceremony',
        `/api/v1/dossiers/${id}/ceremony`,
        { json: { heldOn: '2024-08-10' } },
        422,
        'code',
      ],
      [
        'POST',
        '/api/v1/dossiers/{id}/ceremony',
        `/api/v1/dossiers/${id}/ceremony`,
        { json: {}, headers: { 'If-Match': 'x' } },
        400,
        'exact',
      ],
      [
        'POST',
        '/api/v1/dossiers/{id}/ceremony',
        '/api/v1/dossiers/no-such-dossier/ceremony',
        { json: { heldOn: '2024-08-10' } },
        404,
        'exact',
      ],
      [
        'POST',
        '/api/v1/dossiers/{id}/ceremony',
        `/api/v1/dossiers/${id}/ceremony`,
        { body: `{"heldOn":"${'x'.repeat(1_100_000)}"}`, contentType: 'application/json' },
        413,
        'exact',
      ],
      ['GET', '/api/v1/dossiers/{id}', '/api/v1/dossiers/no-such-dossier', {}, 404, 'code'],
      ['GET', '/api/v1/dossiers/{id}', `/api/v1/dossiers/${id}?asOf=2024-02-30`, {}, 400, 'exact'],
      ['GET', '/api/v1/dossiers', '/api/v1/dossiers?stage=elected', {}, 400, 'exact'],
      ['GET', '/api/v1/deadlines', '/api/v1/deadlines?dueBefore=tomorrow', {}, 400, 'exact'],
      ['GET', '/api/v1/inspection/cases/{id}', '/api/v1/inspection/cases/no-such-case', {}, 404, 'code'],
      [
        'POST',
        '/api/v1/inspection/cases/{id}/close',
        '/api/v1/inspection/cases/no-such-case/close',
        { json: { finding: 'a', resolution: 'b' } },
        404,
        'exact',
      ],
      ['GET', '/api/v1/reports/quota/{year}', '/api/v1/reports/quota/2024', {}, 404, 'exact'],
      ['GET', '/api/v1/reports/quota/{year}', '/api/v1/reports/quota/2024?sep=x', {}, 400, 'exact'],
      ['GET', '/api/v1/audit/verify', '/api/v1/audit/verify?checkpoint=cp-1', {}, 400, 'exact'],
      [
        'POST',
        '/api/v1/system/clock',
        '/api/v1/system/clock',
        { json: { now: '2024-06-05T00:00:00+07:00' } },
        404,
        'exact',
      ],
    ];
    for (const [method, template, path, options, status, match] of cases) {
      const answer = await call(app.baseUrl, method, path, { token: admin, ...options });
      const what = `${method} ${path.slice(0, 80)}`;
      expect({ what, status: answer.status }).toEqual({ what, status });
      const gaps = answerGaps(doc, {
        method,
        template,
        status: answer.status,
        contentType: answer.headers.get('content-type'),
        body: answer.body,
      });
      expect({ what, gaps }).toEqual({ what, gaps: [] });
      const documented = examplesAt(doc, method, template, status);
      const problem = answer.body as { code: string };
      const codes = documented.map((example) => example.code);
      expect({ what, codes }).toEqual({ what, codes: expect.arrayContaining([problem.code]) });
      if (match === 'exact')
        expect({ what, documented }).toEqual({ what, documented: expect.arrayContaining([problem]) });
    }
  });
});
