import type { Page } from 'playwright-core';
import { call } from './api-support';
import type { AppProcess } from './support/app-process';
import { describeWithChromium, seriousAxeViolations } from './support/browser';
import { CONSOLE_PASSWORD, startConsoleOnDemo, type ConsoleOnDemo } from './support/console-app';

/**
 * The console (issue 17's first slice) in Debian's Chromium, on the demo's data: sign-in with a
 * password, the dashboard's figures against the API's quota report, the dossier search without
 * diacritics, on a phone-sized screen, with nothing fetched from outside the server.
 */
// The callbacks of page.evaluate run in the browser, with its globals.
declare const document: any;
declare const window: any;
declare const sessionStorage: any;

const COMMITTEE = 'dang-uy-xa-dong-tien';
const USERNAME = 'lan.nguyen';
const PASSWORD = CONSOLE_PASSWORD;

/** Latin letters without their diacritics, as a user types them: "Nguyễn Văn Đức" → "Nguyen Van Duc". */
const folded = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D');

/** The pages of this file's checks, and what shows each has drawn its data. */
const LISTED_PAGES = [
  ['#/tong-quan', 'table[data-table]'],
  ['#/ho-so', 'tr[data-dossier]'],
] as const;

describeWithChromium('the console in Chromium', () => {
  let demo: ConsoleOnDemo;
  let app: AppProcess;
  let page: Page;

  beforeAll(async () => {
    demo = await startConsoleOnDemo([
      { username: USERNAME, role: 'office', units: [COMMITTEE], name: 'Nguyễn Thị Lan' },
    ]);
    ({ app, page } = demo);
  }, 90_000);

  afterAll(() => demo?.stop());

  afterEach(() => {
    expect({ outside: demo.outside, pageErrors: demo.pageErrors }).toEqual({ outside: [], pageErrors: [] });
  });

  /** The token the page keeps in sessionStorage, or null. */
  const tokenOfPage = () =>
    page.evaluate(() => JSON.parse(sessionStorage.getItem('ketnap.session') ?? 'null')?.token ?? null);

  it('serves the sign-in page at / without a token, fields labelled in Vietnamese and in focus order', async () => {
    await page.goto(`${app.baseUrl}/`);
    await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('vi');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('username');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('password');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Đăng nhập');
    expect(await page.getByLabel('Tên đăng nhập').getAttribute('autocomplete')).toBe('username');
    expect(await page.getByLabel('Mật khẩu').getAttribute('type')).toBe('password');
  });

  it('has no serious or critical accessibility violation (axe-core) on the sign-in page', async () => {
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  it('shows a missing field, then a wrong password, next to the field, and keeps no token', async () => {
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    expect(await page.locator('#username-error').textContent()).toBe('Nhập tên đăng nhập.');
    expect(await page.getByLabel('Tên đăng nhập').getAttribute('aria-invalid')).toBe('true');

    const refused = await call(app.baseUrl, 'POST', '/api/v1/auth/login', {
      json: { username: USERNAME, password: 'not the password' },
    });
    expect(refused.status).toBe(401);
    await page.getByLabel('Tên đăng nhập').fill(USERNAME);
    await page.getByLabel('Mật khẩu').fill('sai mật khẩu rồi');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    const error = page.locator('#password-error');
    await error.filter({ hasText: refused.body.detail }).waitFor();
    expect(await page.getByLabel('Mật khẩu').getAttribute('aria-describedby')).toBe('password-error');
    expect(await page.getByLabel('Mật khẩu').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#username-error').textContent()).toBe('');
    expect(await tokenOfPage()).toBeNull();
    expect(await page.getByRole('heading', { name: 'Tổng quan' }).count()).toBe(0);
  });

  it("signs in with the password and shows the committee's dashboard, its figures those of the API's report", async () => {
    await page.getByLabel('Mật khẩu').fill(PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('heading', { name: 'Tổng quan' }).waitFor();
    const token = await tokenOfPage();
    expect(token).toEqual(expect.any(String));

    // The plan year: the demo's, 2024, found by the page; the committee: the one the user acts for.
    expect(await page.getByLabel('Năm', { exact: true }).inputValue()).toBe('2024');
    expect(await page.getByLabel('Đảng ủy', { exact: true }).inputValue()).toBe(COMMITTEE);
    const report = (await call(app.baseUrl, 'GET', `/api/v1/committees/${COMMITTEE}/reports/quota/2024`, { token }))
      .body;
    expect(await page.locator('.as-of').textContent()).toContain(
      `số liệu đến ngày ${report.asOf.split('-').reverse().join('/')}`,
    );

    // Every figure of both plan tables, cell by cell.
    const shown = await page.$$eval('table[data-table] td[data-unit]', (cells) =>
      cells.map((c): [string, number] => [
        `${c.getAttribute('data-unit')} ${c.getAttribute('data-period')} ${c.getAttribute('data-figure')}`,
        Number(c.textContent),
      ]),
    );
    const expected: Array<[string, number]> = report.units.flatMap((u: any) =>
      [...u.quarters.map((q: any) => [`q${q.quarter}`, q]), ['total', u.total]].flatMap(([period, f]: [string, any]) =>
        ['target.nominations', 'actual.nominations', 'target.admissions', 'actual.admissions'].map((figure) => {
          const [kind, what] = figure.split('.');
          return [`${u.unitId} ${period} ${figure}`, f[kind][what]] as [string, number];
        }),
      ),
    );
    expect(expected.length).toBe(report.units.length * 20);
    expect(new Map(shown)).toEqual(new Map(expected));
    const tables = await page.$$eval('table[data-table]', (t) => t.map((e) => e.getAttribute('data-table')));
    expect(tables).toEqual(['branches', 'coordination']);
    expect(await page.locator('svg.chart[role="img"]').count()).toBe(2);
    const mostAdmitted = [...report.units].sort(
      (a: any, b: any) => b.total.actual.admissions - a.total.actual.admissions,
    )[0];
    expect(await page.locator('svg.chart text').allTextContents()).toContain(
      `${mostAdmitted.total.actual.admissions}/${mostAdmitted.total.target.admissions}`,
    );

    // The committee's totals, its blocks and the plan's minimums.
    const { total } = report.committee;
    expect(await page.locator('#admissions').textContent()).toBe(
      `${total.actual.admissions}/${total.target.admissions}`,
    );
    expect(await page.locator('#nominations').textContent()).toBe(
      `${total.actual.nominations}/${total.target.nominations}`,
    );
    for (const block of report.blocks) {
      expect(await page.locator(`td[data-unit="${block.block}"][data-figure="actual.admissions"]`).textContent()).toBe(
        String(block.total.actual.admissions),
      );
    }
    expect(report.minimums.length).toBeGreaterThan(0);
    for (const minimum of report.minimums) {
      expect(await page.locator(`li[data-minimum="${minimum.name}"]`).textContent()).toContain(
        `${minimum.actual}/${minimum.required} — ${minimum.met ? 'Đạt' : 'Chưa đạt'}`,
      );
    }

    // Deadlines and cases, as the API answers this user (an office of this committee: its units only).
    const count = async (path: string) => (await call(app.baseUrl, 'GET', path, { token })).body.items.length;
    const breached = await count('/api/v1/deadlines?status=breached&limit=500');
    const open = await count('/api/v1/deadlines?status=open&limit=500');
    const cases = await count('/api/v1/inspection/cases?status=open&limit=500');
    expect(breached).toBeGreaterThan(0);
    expect(cases).toBeGreaterThan(0);
    expect(await page.locator('#overdue-count').textContent()).toBe(String(breached));
    expect(await page.locator('#upcoming-count').textContent()).toBe(String(open));
    expect(await page.locator('#cases-count').textContent()).toBe(String(cases));
    expect(await page.locator('#overdue li').count()).toBe(breached);
    expect(await page.locator('#overdue li').first().textContent()).toMatch(
      /hạn \d\d\/\d\d\/\d{4}, trễ \d+ ngày làm việc$/,
    );
  });

  it("measures the dashboard's first paint on a fresh load (reported, not asserted)", async () => {
    await page.goto('about:blank');
    await page.goto(`${app.baseUrl}/#/tong-quan`);
    await page.waitForFunction(() => performance.getEntriesByName('ketnap:dashboard-shown').length > 0);
    const timing = await page.evaluate(() => ({
      firstPaint: performance.getEntriesByName('first-paint')[0]?.startTime,
      firstContentfulPaint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
      dashboardShown: performance.getEntriesByName('ketnap:dashboard-shown')[0]?.startTime,
    }));
    expect(timing.dashboardShown).toEqual(expect.any(Number));
    process.stdout.write(
      `console dashboard (demo data): first paint ${timing.firstPaint?.toFixed(0)} ms, first contentful paint ` +
        `${timing.firstContentfulPaint?.toFixed(0)} ms, figures shown ${timing.dashboardShown.toFixed(0)} ms\n`,
    );
  });

  it('finds a dossier by a name typed without diacritics, as the API does', async () => {
    await page.getByRole('link', { name: 'Hồ sơ' }).click();
    await page.getByRole('heading', { name: 'Hồ sơ' }).waitFor();
    await page.locator('#result-status').filter({ hasText: 'hồ sơ' }).waitFor();
    const token = await tokenOfPage();
    const all = (await call(app.baseUrl, 'GET', '/api/v1/dossiers?limit=500', { token })).body.items;
    const named = all.find((d: any) => folded(d.candidate.fullName) !== d.candidate.fullName);
    const q = folded(named.candidate.fullName).toLowerCase();
    const found = (await call(app.baseUrl, 'GET', `/api/v1/dossiers?limit=500&q=${encodeURIComponent(q)}`, { token }))
      .body.items;
    expect(found.map((d: any) => d.id)).toContain(named.id);

    await page.getByLabel('Tìm theo họ tên').fill(q);
    await page.getByRole('button', { name: 'Lọc' }).click();
    await page
      .locator('#result-status')
      .filter({ hasText: `${found.length} hồ sơ.` })
      .waitFor();
    const rows = await page.$$eval('tr[data-dossier]', (trs) =>
      trs.map((tr) => [tr.getAttribute('data-dossier'), tr.querySelector('th')?.textContent]),
    );
    expect(rows).toEqual(found.map((d: any) => [d.id, d.candidate.fullName]));
    const row = page.locator(`tr[data-dossier="${named.id}"] td`);
    expect(await row.nth(2).textContent()).toBe(named.nominatedOn.split('-').reverse().join('/'));
    expect(page.url()).toContain(`#/ho-so?q=${encodeURIComponent(q).replace(/%20/g, '+')}`);
  });

  it('has no serious or critical accessibility violation (axe-core, WCAG 2.1 A and AA) on the dashboard and the list', async () => {
    for (const [hash, shown] of LISTED_PAGES) {
      await page.goto('about:blank');
      await page.goto(`${app.baseUrl}/${hash}`);
      await page.waitForSelector(shown);
      expect({ hash, violations: await seriousAxeViolations(page) }).toEqual({ hash, violations: [] });
    }
  });

  it('fits a phone-sized screen: no page-wide horizontal scrolling, the wide tables scroll in their region', async () => {
    await page.setViewportSize({ width: 375, height: 740 });
    for (const [hash, shown] of LISTED_PAGES) {
      await page.goto('about:blank');
      await page.goto(`${app.baseUrl}/${hash}`);
      await page.waitForSelector(shown);
      const widths = await page.evaluate(() => ({
        page: document.documentElement.scrollWidth,
        screen: window.innerWidth,
      }));
      expect({ hash, fits: widths.page <= widths.screen }).toEqual({ hash, fits: true });
    }
  });

  it('signs out: the token is gone and the sign-in page is back', async () => {
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
    expect(await tokenOfPage()).toBeNull();
    await page.goto(`${app.baseUrl}/#/tong-quan`);
    await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
  });
});
