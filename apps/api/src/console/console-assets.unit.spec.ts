import { readdirSync } from 'node:fs';
import { OBLIGATION_CODES, STAGES, STEP_COMMANDS } from '@ketnap/domain';
import { ROLE_GRANTS } from '@ketnap/engine';
import { CONSOLE_DIR, consoleAssets, grantsModule, labelsModule } from './console-assets';

describe("the console's files", () => {
  const assets = consoleAssets();

  it('serves the page at / and every other file of the folder under /console/, with its type', () => {
    const files = readdirSync(CONSOLE_DIR).filter((name) => name !== 'index.html');
    expect([...assets.keys()].sort()).toEqual(
      ['/', ...files.map((name) => `/console/${name}`), '/console/labels.js', '/console/grants.js'].sort(),
    );
    expect(assets.get('/')!.type).toBe('text/html; charset=utf-8');
    expect(assets.get('/console/app.js')!.type).toBe('text/javascript; charset=utf-8');
    expect(assets.get('/console/style.css')!.type).toBe('text/css; charset=utf-8');
  });

  it('loads nothing from another origin: links, modules and styles are paths of this server', () => {
    const text = (path: string) => assets.get(path)!.body.toString('utf8');
    const page = text('/');
    const links = [...page.matchAll(/\b(?:src|href)="([^"]*)"/g)].map((m) => m[1]);
    expect(links.length).toBeGreaterThanOrEqual(4);
    expect(links.filter((link) => !/^[/#]/.test(link) || link.startsWith('//'))).toEqual([]);
    expect(text('/console/style.css')).not.toMatch(/url\(|@import/);
    for (const path of [...assets.keys()].filter((p) => p.endsWith('.js'))) {
      const specifiers = [...text(path).matchAll(/\bfrom '([^']+)'/g)].map((m) => m[1]);
      expect({ path, outside: specifiers.filter((s) => !/^(\.\/|\/console\/)/.test(s)) }).toEqual({
        path,
        outside: [],
      });
      expect({ path, fetches: [...text(path).matchAll(/\bfetch\(([^,)]+)/g)].map((m) => m[1]) }).toEqual({
        path,
        fetches: path === '/console/api.js' ? ['`/api/v1${path}`'] : [],
      });
    }
  });

  it('names every stage and obligation in Vietnamese, from the message catalogue', () => {
    const exported = Object.fromEntries(
      [...labelsModule().matchAll(/^export const (\w+) = (.*);$/gm)].map((m) => [m[1], JSON.parse(m[2])]),
    ) as Record<string, Record<string, string>>;
    const { STAGE_NAMES, OBLIGATION_NAMES } = exported;
    expect(Object.keys(exported)).toEqual([
      'STAGE_NAMES',
      'OBLIGATION_NAMES',
      'QUOTA_TABLE_TITLES',
      'QUOTA_STATUS_NAMES',
      'QUOTA_MINIMUM_NAMES',
      'STEP_FORMS',
    ]);
    expect(Object.keys(STAGE_NAMES)).toEqual([...STAGES]);
    expect(Object.keys(OBLIGATION_NAMES)).toEqual([...OBLIGATION_CODES]);
    expect(STAGE_NAMES['awaiting-decision']).toBe('đang chờ quyết định kết nạp');
    expect(Object.entries({ ...STAGE_NAMES, ...OBLIGATION_NAMES }).filter(([code, name]) => code === name)).toEqual([]);
  });

  it("gives the pages each role's permissions as the API checks them", () => {
    const [, json] = /^export const ROLE_PERMISSIONS = (.*);$/m.exec(grantsModule())!;
    const permissions = JSON.parse(json) as Record<string, string[]>;
    expect(Object.keys(permissions).sort()).toEqual(Object.keys(ROLE_GRANTS).sort());
    expect(permissions.inspector).toEqual(expect.arrayContaining(['inspection:read', 'inspection:work']));
    expect(permissions.office).toContain('inspection:read');
    expect(permissions.office).not.toContain('inspection:work');
    expect(permissions.admin).toContain('plans:write');
  });

  it("gives each step's form the fields of the body the domain checks, not the correction", () => {
    const forms = JSON.parse(labelsModule().match(/^export const STEP_FORMS = (.*);$/m)![1]) as Record<
      string,
      Array<{ name: string; kind: string; optional: boolean; values?: string[]; fields?: unknown[] }>
    >;
    expect(Object.keys(forms)).toEqual(Object.keys(STEP_COMMANDS).filter((step) => step !== 'correction'));
    expect(forms['application-submitted']).toEqual([{ name: 'submittedOn', kind: 'date', optional: false }]);
    expect(forms['branch-resolution'].map((f) => [f.name, f.kind, f.optional])).toEqual([
      ['meetingOn', 'date', false],
      ['officialMembers', 'number', false],
      ['votesFor', 'number', false],
      ['resolutionNo', 'text', true],
      ['provincialConsent', 'object', true],
    ]);
    expect(forms['admission-decision'].find((f) => f.name === 'outcome')?.values).toEqual(['admitted', 'refused']);
    expect(forms['helper-assigned'][0]).toMatchObject({
      name: 'helpers',
      kind: 'list',
      fields: [{ name: 'name' }, { name: 'memberId' }],
    });
  });
});
