import type { AppProcess } from './support/app-process';
import { appForSuite, call } from './api-support';
import { gapsOf, type OpenApiDocument } from './support/openapi-completeness';
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
});
