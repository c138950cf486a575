import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { call, SEED_TSV } from './api-support';
import { describeWithChromium, seriousAxeViolations } from './support/browser';
import { signIn, startConsoleOnDemo, type ConsoleOnDemo } from './support/console-app';

/**
 * The console's inspection board, reports page and a higher committee's roll-up (issue 17) in Debian's
 * Chromium, on the demo's data: what the pages show and do is checked against what the API answers
 * the same user.
 */
// The callbacks of page.evaluate run in the browser, with its globals.
declare const document: any;
declare const window: any;

const COMMITTEE = 'dang-uy-xa-dong-tien';
const HIGHER = 'huyen-uy-huu-lung';
const INSPECTOR = 'thanh.tra';
const OFFICE = 'lan.nguyen';
const ADMIN = 'quan.tri';
const DISTRICT = 'huyen.uy';
const VIEWER = 'chi.xem';

const dmy = (date: string) => date.split('-').reverse().join('/');

describeWithChromium('the console: inspection board, reports and roll-up', () => {
  let the: ConsoleOnDemo;
  let page: Page;
  let baseUrl: string;

  beforeAll(async () => {
    the = await startConsoleOnDemo([
      { username: INSPECTOR, role: 'inspector', units: [], name: 'Trần Văn Thanh' },
      { username: OFFICE, role: 'office', units: [COMMITTEE], name: 'Nguyễn Thị Lan' },
      { username: ADMIN, role: 'admin', units: [], name: 'Quản trị' },
      { username: DISTRICT, role: 'office', units: [HIGHER], name: 'Lê Văn Huyện' },
      { username: VIEWER, role: 'viewer', units: [COMMITTEE], name: 'Phạm Thị Xem' },
    ]);
    page = the.page;
    baseUrl = the.app.baseUrl;
  }, 120_000);

  afterAll(async () => {
    await the?.stop();
  });

  afterEach(() => {
    expect({ outside: the.outside, pageErrors: the.pageErrors }).toEqual({ outside: [], pageErrors: [] });
  });

  const api = async (token: string, method: string, path: string, json?: unknown) =>
    call(baseUrl, method, `/api/v1${path}`, { token, ...(json !== undefined && { json }) });

  /** The case ids the board lists, in its order, once it has said how many it shows. */
  const boardIds = async () => {
    await page
      .locator('#board-status')
      .filter({ hasText: /vụ việc/ })
      .waitFor();
    return page.$$eval('li[data-case]', (items) => items.map((li) => li.getAttribute('data-case')));
  };

  describe('the inspection board', () => {
    let token: string;
    let open: any[];

    it('lists, for an inspector, the open cases the API lists, with their dates as dd/mm/yyyy', async () => {
      token = await signIn(page, baseUrl, INSPECTOR);
      await page.getByRole('link', { name: 'Thanh tra' }).click();
      await page.getByRole('heading', { name: 'Thanh tra', level: 1 }).waitFor();
      expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
      const listed = (await api(token, 'GET', '/inspection/cases?status=open&limit=500')).body;
      expect(listed.nextCursor).toBeNull();
      open = listed.items;
      expect(open.length).toBeGreaterThan(1);
      expect(await boardIds()).toEqual(open.map((c) => c.id));
      expect(await page.getByLabel('Trạng thái').inputValue()).toBe('open');

      const first = page.locator(`li[data-case="${open[0].id}"]`);
      expect(await first.locator('[data-fact="dueOn"]').textContent()).toBe(dmy(open[0].dueOn));
      expect(await first.locator('[data-fact="breachedOn"]').textContent()).toMatch(
        new RegExp(`^${dmy(open[0].breachedOn)}`),
      );
      expect(await first.locator('[data-fact="openedAt"]').textContent()).toMatch(/^\d\d\/\d\d\/\d{4} \d\d:\d\d$/);
      expect(await first.locator('[data-fact="status"]').textContent()).toBe('Đang mở');
      expect(await first.locator('h2 a').getAttribute('href')).toBe(`#/ho-so/${open[0].dossierId}`);
      await first.getByText('Lịch sử', { exact: true }).click();
      expect(await first.locator('.explanation').textContent()).toBe(open[0].history.explanation);
    });

    it('has no serious or critical accessibility violation (axe-core) on the board, its forms open', async () => {
      const first = page.locator(`li[data-case="${open[0].id}"]`);
      await first.getByText('Kết luận vụ việc', { exact: true }).click();
      await first.getByText('Tiếp nhận vụ việc', { exact: true }).click();
      expect(await seriousAxeViolations(page)).toEqual([]);
    });

    it('refuses a close without a finding next to the field, as the API does, and changes nothing', async () => {
      const target = open[1];
      const before = (await api(token, 'GET', `/inspection/cases/${encodeURIComponent(target.id)}`)).body;
      const refused = await api(token, 'POST', `/inspection/cases/${encodeURIComponent(target.id)}/close`, {
        finding: '',
        resolution: 'Nhắc nhở chi bộ',
      });
      expect(refused.status).toBe(400);
      const message = refused.body.errors.find((e: any) => e.field === 'finding').message;

      const item = page.locator(`li[data-case="${target.id}"]`);
      await item.getByText('Kết luận vụ việc', { exact: true }).click();
      const finding = item.getByLabel('Kết luận', { exact: true });
      await item.getByLabel('Biện pháp xử lý').fill('Nhắc nhở chi bộ');
      await item.getByRole('button', { name: 'Kết luận', exact: true }).click();
      const errorId = await finding.getAttribute('aria-describedby');
      await page.locator(`#${errorId}`).filter({ hasText: message }).waitFor();
      expect(await finding.getAttribute('aria-invalid')).toBe('true');
      expect(await page.evaluate(() => document.activeElement?.name)).toBe('finding');
      const resolutionError = await item.getByLabel('Biện pháp xử lý').getAttribute('aria-describedby');
      expect(await page.locator(`#${resolutionError}`).textContent()).toBe('');

      const after = (await api(token, 'GET', `/inspection/cases/${encodeURIComponent(target.id)}`)).body;
      expect(after).toEqual(before);
      expect(after.status).toBe('open');
    });

    it('acknowledges one case with a note and closes another with a finding; the API then shows both', async () => {
      const [acknowledged, closed] = [open[0], open[1]];
      const first = page.locator(`li[data-case="${acknowledged.id}"]`);
      await first.getByLabel('Ghi chú (không bắt buộc)').fill('Đang xác minh với chi bộ');
      await first.getByRole('button', { name: 'Tiếp nhận', exact: true }).click();
      await page.locator('#board-status').filter({ hasText: 'Đã tiếp nhận vụ việc.' }).waitFor();
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('board-status');
      const afterAck = (await api(token, 'GET', `/inspection/cases/${encodeURIComponent(acknowledged.id)}`)).body;
      expect(afterAck).toMatchObject({ status: 'acknowledged', note: 'Đang xác minh với chi bộ' });
      // The board refreshed: the case is no longer among the open ones.
      expect(await boardIds()).toEqual(
        (await api(token, 'GET', '/inspection/cases?status=open&limit=500')).body.items.map((c: any) => c.id),
      );
      expect(await boardIds()).not.toContain(acknowledged.id);

      const second = page.locator(`li[data-case="${closed.id}"]`);
      await second.getByText('Kết luận vụ việc', { exact: true }).click();
      await second.getByLabel('Kết luận', { exact: true }).fill('Chi bộ chậm do thiếu hồ sơ');
      await second.getByLabel('Biện pháp xử lý').fill('Nhắc nhở, yêu cầu rút kinh nghiệm');
      await second.getByRole('button', { name: 'Kết luận', exact: true }).click();
      await page.locator('#board-status').filter({ hasText: 'Đã kết luận vụ việc.' }).waitFor();
      const afterClose = (await api(token, 'GET', `/inspection/cases/${encodeURIComponent(closed.id)}`)).body;
      expect(afterClose).toMatchObject({
        status: 'closed',
        finding: 'Chi bộ chậm do thiếu hồ sơ',
        resolution: 'Nhắc nhở, yêu cầu rút kinh nghiệm',
      });
      expect(await boardIds()).not.toContain(closed.id);

      // The other statuses, as the API lists them, the acknowledged case still open to a close.
      await page.getByLabel('Trạng thái').selectOption('acknowledged');
      await page.getByRole('button', { name: 'Lọc' }).click();
      await page.locator(`li[data-case="${acknowledged.id}"]`).waitFor();
      const ack = (await api(token, 'GET', '/inspection/cases?status=acknowledged&limit=500')).body.items;
      expect(await boardIds()).toEqual(ack.map((c: any) => c.id));
      const stillOpen = page.locator(`li[data-case="${acknowledged.id}"]`);
      expect(await stillOpen.getByText('Tiếp nhận vụ việc', { exact: true }).count()).toBe(0);
      expect(await stillOpen.getByText('Kết luận vụ việc', { exact: true }).count()).toBe(1);

      await page.getByLabel('Trạng thái').selectOption('closed');
      await page.getByRole('button', { name: 'Lọc' }).click();
      const done = page.locator(`li[data-case="${closed.id}"]`);
      await done.waitFor();
      expect(await done.locator('[data-fact="finding"]').textContent()).toBe('Chi bộ chậm do thiếu hồ sơ');
      expect(await done.locator('[data-fact="status"]').textContent()).toBe('Đã kết luận');
      expect(await done.locator('details.case-action').count()).toBe(0);
      expect(page.url()).toContain('#/thanh-tra?status=closed');
    });

    it('fits a phone-sized screen', async () => {
      await page.setViewportSize({ width: 375, height: 740 });
      await page.goto('about:blank');
      await page.goto(`${baseUrl}/#/thanh-tra`);
      await page.waitForSelector('li[data-case]');
      const widths = await page.evaluate(() => ({
        page: document.documentElement.scrollWidth,
        screen: window.innerWidth,
      }));
      expect(widths.page).toBeLessThanOrEqual(widths.screen);
      await page.setViewportSize({ width: 1280, height: 800 });
    });

    it('shows the cases without any action to a role that may read them but not work them (office)', async () => {
      const office = await signIn(page, baseUrl, OFFICE);
      await page.getByRole('link', { name: 'Thanh tra' }).click();
      const listed = (await api(office, 'GET', '/inspection/cases?status=open&limit=500')).body.items;
      expect(listed.length).toBeGreaterThan(0);
      expect(await boardIds()).toEqual(listed.map((c: any) => c.id));
      expect(await page.locator('details.case-action').count()).toBe(0);
      expect(await page.locator('textarea').count()).toBe(0);
      const refused = await api(
        office,
        'POST',
        `/inspection/cases/${encodeURIComponent(listed[0].id)}/acknowledge`,
        {},
      );
      expect(refused.status).toBe(403);
    });

    it('offers no board to a role that may not read the cases (viewer), yet the reports', async () => {
      const viewer = await signIn(page, baseUrl, VIEWER);
      expect((await api(viewer, 'GET', '/inspection/cases?status=open')).status).toBe(403);
      expect(await page.getByRole('link', { name: 'Thanh tra' }).count()).toBe(0);
      expect(await page.getByRole('link', { name: 'Báo cáo' }).count()).toBe(1);
    });
  });

  describe('the reports page', () => {
    it('downloads the quota report as XLSX and as the CSV the API answers the same token', async () => {
      const token = await signIn(page, baseUrl, OFFICE);
      await page.getByRole('link', { name: 'Báo cáo' }).click();
      await page.getByRole('heading', { name: 'Báo cáo', level: 1 }).waitFor();
      expect(await page.getByLabel('Đảng ủy', { exact: true }).inputValue()).toBe(COMMITTEE);
      expect(await page.getByLabel('Năm', { exact: true }).inputValue()).toBe('2024');
      // An office may not adopt plans: no import.
      expect(await page.getByRole('heading', { name: 'Nhập kế hoạch năm' }).count()).toBe(0);
      expect(await page.locator('main').innerText()).not.toMatch(/false|null|undefined/);

      const [xlsx] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Chỉ tiêu phát triển đảng viên (XLSX)' }).click(),
      ]);
      expect(xlsx.suggestedFilename()).toBe(`bao-cao-chi-tieu-${COMMITTEE}-2024.xlsx`);
      const workbook = readFileSync((await xlsx.path())!);
      expect(workbook.length).toBeGreaterThan(1000);
      expect(workbook.subarray(0, 2).toString('latin1')).toBe('PK');
      await page.locator('#download-status').filter({ hasText: 'Đã tải' }).waitFor();

      const [csv] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Chỉ tiêu phát triển đảng viên (CSV)' }).click(),
      ]);
      expect(csv.suggestedFilename()).toBe(`bao-cao-chi-tieu-${COMMITTEE}-2024.csv`);
      const saved = readFileSync((await csv.path())!);
      const res = await fetch(`${baseUrl}/api/v1/committees/${COMMITTEE}/reports/quota/2024`, {
        headers: { authorization: `Bearer ${token}`, accept: 'text/csv' },
      });
      expect(res.status).toBe(200);
      const answered = Buffer.from(await res.arrayBuffer());
      expect(answered.length).toBeGreaterThan(100);
      expect(saved.equals(answered)).toBe(true);

      const [pipeline] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Tiến độ hồ sơ (XLSX)' }).click(),
      ]);
      expect(pipeline.suggestedFilename()).toBe(`bao-cao-tien-do-${COMMITTEE}.xlsx`);
      expect(
        readFileSync((await pipeline.path())!)
          .subarray(0, 2)
          .toString('latin1'),
      ).toBe('PK');
    });

    it('offers a higher committee its roll-up as XLSX only (the API has no CSV of a roll-up)', async () => {
      await page.getByLabel('Đảng ủy', { exact: true }).selectOption(HIGHER);
      expect(await page.getByRole('button', { name: 'Chỉ tiêu phát triển đảng viên (CSV)' }).isHidden()).toBe(true);
      for (const [button, name] of [
        ['Chỉ tiêu phát triển đảng viên (XLSX)', `bao-cao-chi-tieu-${HIGHER}-2024.xlsx`],
        ['Kết nạp trong năm (XLSX)', `bao-cao-ket-nap-${HIGHER}-2024.xlsx`],
      ]) {
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          page.getByRole('button', { name: button }).click(),
        ]);
        expect(download.suggestedFilename()).toBe(name);
        expect(
          readFileSync((await download.path())!)
            .subarray(0, 2)
            .toString('latin1'),
        ).toBe('PK');
      }
    });

    it("shows the API's refusal of a year out of range next to the year", async () => {
      const token = await signIn(page, baseUrl, OFFICE);
      const refused = await api(token, 'GET', `/committees/${COMMITTEE}/reports/quota/1999`);
      expect(refused.status).toBe(400);
      const message = refused.body.errors.find((e: any) => e.field === 'year').message;
      await page.getByRole('link', { name: 'Báo cáo' }).click();
      await page.getByRole('heading', { name: 'Báo cáo', level: 1 }).waitFor();
      const year = page.getByLabel('Năm', { exact: true });
      await year.fill('1999');
      await page.getByRole('button', { name: 'Chỉ tiêu phát triển đảng viên (XLSX)' }).click();
      await page.locator('#report-year-error').filter({ hasText: message }).waitFor();
      expect(await year.getAttribute('aria-invalid')).toBe('true');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('report-year');
      expect(await page.locator('#download-status').textContent()).toBe('Không tải được báo cáo.');
    });

    describe('the plan import, for an admin', () => {
      let token: string;
      const dir = tmpdir();
      const seed = readFileSync(SEED_TSV, 'utf8');
      // Row 1's Quý II nominations left blank: a blank cell, and a row whose "Cộng" disagrees with its quarters.
      const blanked = seed.replace('1\tĐèo Cáo - Lân Chàm\t-\t-\t1\t', '1\tĐèo Cáo - Lân Chàm\t-\t-\t\t');
      const unknown = seed.replace('Đèo Cáo - Lân Chàm', 'Thôn Không Có');
      const file = (name: string, text: string) => {
        const path = join(dir, `${process.pid}-${name}`);
        writeFileSync(path, text);
        return path;
      };

      it('imports the published table with a blank cell and shows every warning the API answers', async () => {
        expect(blanked).not.toBe(seed);
        token = await signIn(page, baseUrl, ADMIN);
        await page.goto(`${baseUrl}/#/bao-cao?committee=${COMMITTEE}&year=2024`);
        await page.getByRole('heading', { name: 'Nhập kế hoạch năm' }).waitFor();
        const before = (await api(token, 'GET', `/committees/${COMMITTEE}/plans/2024`)).body;

        await page.getByLabel('Đảng ủy của kế hoạch').selectOption(COMMITTEE);
        await page.getByLabel('Năm của kế hoạch').fill('2024');
        await page.getByLabel('Bảng kế hoạch đã công bố (.tsv, .txt)').setInputFiles(file('blanked.tsv', blanked));
        const [answer] = await Promise.all([
          page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().includes('/plans/2024')),
          page.getByRole('button', { name: 'Nhập kế hoạch' }).click(),
        ]);
        expect(answer.status()).toBe(200);
        expect(answer.request().headers()['content-type']).toBe('text/tab-separated-values');
        const adopted = await answer.json();
        expect(adopted.warnings.some((w: string) => w.includes('Đèo Cáo - Lân Chàm'))).toBe(true);
        await page.locator('#plan-summary').waitFor();
        expect(await page.locator('#plan-warnings li').allTextContents()).toEqual(adopted.warnings);

        const plan = (await api(token, 'GET', `/committees/${COMMITTEE}/plans/2024`)).body;
        expect(plan.version).toBe(before.version + 1);
        expect(plan.units).toEqual(adopted.units);
        const shown = await page.$$eval('#plan-units tr[data-unit]', (rows) =>
          rows.map((tr) => [
            tr.getAttribute('data-unit'),
            Number(tr.querySelector('[data-figure="nominations"]')?.textContent),
            Number(tr.querySelector('[data-figure="admissions"]')?.textContent),
          ]),
        );
        expect(shown).toEqual(plan.units.map((u: any) => [u.unitId, u.total.nominations, u.total.admissions]));
        expect(await page.locator('#plan-summary').textContent()).toContain(`lần thông qua thứ ${plan.version}`);
        const row = plan.units.find((u: any) => u.name === 'Đèo Cáo - Lân Chàm');
        expect(row.quarters.find((q: any) => q.quarter === 2).nominations).toBe(0);
      });

      it('has no serious or critical accessibility violation (axe-core) on the reports page, and fits 375 px', async () => {
        expect(await seriousAxeViolations(page)).toEqual([]);
        await page.setViewportSize({ width: 375, height: 740 });
        const widths = await page.evaluate(() => ({
          page: document.documentElement.scrollWidth,
          screen: window.innerWidth,
        }));
        expect(widths.page).toBeLessThanOrEqual(widths.screen);
        await page.setViewportSize({ width: 1280, height: 800 });
      });

      it("shows the API's refusal of a table naming an unknown unit, and adopts nothing", async () => {
        const before = (await api(token, 'GET', `/committees/${COMMITTEE}/plans/2024`)).body;
        const refused = await call(baseUrl, 'PUT', `/api/v1/committees/${COMMITTEE}/plans/2024`, {
          token,
          body: unknown,
          contentType: 'text/tab-separated-values',
        });
        expect(refused.status).toBe(422);
        await page.getByLabel('Bảng kế hoạch đã công bố (.tsv, .txt)').setInputFiles(file('unknown.tsv', unknown));
        await page.getByRole('button', { name: 'Nhập kế hoạch' }).click();
        await page.locator('#plan-error').filter({ hasText: refused.body.detail }).waitFor();
        expect(await page.locator('#plan-summary').count()).toBe(0);
        expect((await api(token, 'GET', `/committees/${COMMITTEE}/plans/2024`)).body).toEqual(before);
      });

      it('asks for a file before sending anything', async () => {
        await page.goto('about:blank');
        await page.goto(`${baseUrl}/#/bao-cao?committee=${COMMITTEE}&year=2024`);
        await page.getByRole('heading', { name: 'Nhập kế hoạch năm' }).waitFor();
        await page.getByRole('button', { name: 'Nhập kế hoạch' }).click();
        const input = page.getByLabel('Bảng kế hoạch đã công bố (.tsv, .txt)');
        expect(await input.getAttribute('aria-invalid')).toBe('true');
        expect(await page.locator('#plan-file-error').textContent()).toBe('Chọn tệp bảng kế hoạch.');
      });
    });
  });

  describe("a higher committee's dashboard", () => {
    it('shows one row per commune below it, then the totals, as the roll-up report the API answers', async () => {
      const token = await signIn(page, baseUrl, DISTRICT);
      expect(await page.getByLabel('Đảng ủy', { exact: true }).inputValue()).toBe(HIGHER);
      expect(await page.getByLabel('Năm', { exact: true }).inputValue()).toBe('2024');
      await page.locator(`table[data-roll-up="${HIGHER}"]`).waitFor();
      const report = (await api(token, 'GET', `/committees/${HIGHER}/reports/quota/2024`)).body;
      expect(report.committee.kind).toBe('higher-committee');
      expect(report.committees.length).toBe(2);

      const figures = ['target.nominations', 'actual.nominations', 'target.admissions', 'actual.admissions'];
      const expectedRow = (key: string, row: any) =>
        [...row.quarters.map((q: any) => [`q${q.quarter}`, q]), ['total', row.total]].flatMap(
          ([period, f]: [string, any]) =>
            figures.map((figure) => {
              const [kind, what] = figure.split('.');
              return `${key} ${period} ${figure} ${f[kind][what]}`;
            }),
        );
      const shownRow = (selector: string) =>
        page.$$eval(selector, (cells) =>
          cells.map(
            (c) =>
              `${c.getAttribute('data-unit')} ${c.getAttribute('data-period')} ${c.getAttribute('data-figure')} ${c.textContent}`,
          ),
        );
      const rows = await page.$$eval(`table[data-roll-up] tbody tr`, (trs) =>
        trs.map((tr) => tr.getAttribute('data-committee')),
      );
      expect(rows).toEqual(report.committees.map((c: any) => c.unitId));
      for (const committee of report.committees) {
        expect(await shownRow(`tr[data-committee="${committee.unitId}"] td[data-unit]`)).toEqual(
          expectedRow(committee.unitId, committee),
        );
      }
      expect(await shownRow('table[data-roll-up] tfoot td[data-unit]')).toEqual(expectedRow('total', report.total));
      const { total } = report.total;
      expect(await page.locator('#admissions').textContent()).toBe(
        `${total.actual.admissions}/${total.target.admissions}`,
      );
      expect(await page.locator('#nominations').textContent()).toBe(
        `${total.actual.nominations}/${total.target.nominations}`,
      );
      expect(await page.locator('table[data-table]').count()).toBe(0);
      expect(await page.locator('main').innerText()).not.toMatch(/false|null|undefined/);
      expect(await seriousAxeViolations(page)).toEqual([]);
    });
  });
});
