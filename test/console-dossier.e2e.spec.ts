import { rmSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ACCESS_LOG_STREAM, messageOf } from '@ketnap/domain';
import { AUTH_SECRET, call, readModelsCaughtUp, tempDataDir, tokenFor } from './api-support';
import { startApp, type AppProcess } from './support/app-process';
import { describeWithChromium, launchChromium, seriousAxeViolations } from './support/browser';
import { runKetnap } from './support/cli-process';
import { loadDemo } from './support/demo';
import { e2eStoreEnv, queryStoreTables } from './support/e2e-store';

/**
 * The console's dossier page (issue 17) in Debian's Chromium, on the demo's data: a dossier opened
 * from the list, its timeline, hash chain and deadlines as the API answers them, a step recorded
 * through its form, a refused one that appends nothing, a secretary kept to her branch, axe-core, and
 * a phone-sized screen, with nothing fetched from outside the server.
 */
// The callbacks of page.evaluate run in the browser, with its globals.
declare const document: any;
declare const window: any;
declare const sessionStorage: any;

const COMMITTEE = 'dang-uy-xa-dong-tien';
const OFFICE = { username: 'lan.nguyen', password: 'mật khẩu đủ dài 2024' };
const SECRETARY = { username: 'thu.ha', password: 'mật khẩu của bí thư 2024' };
/** Steps whose form has a single date: recorded with the day the dossier is judged on. */
const DATE_ONLY_STEPS: Record<string, string> = {
  'application-submitted': 'submittedOn',
  'member-profile-filed': 'filedOn',
  ceremony: 'heldOn',
};

const dmy = (date: string) => date.split('-').reverse().join('/');
const TIME = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Ho_Chi_Minh',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
/** An instant as the page shows it: dd/mm/yyyy hh:mm in Vietnam's time. */
const dmyhm = (instant: string) => {
  const p = Object.fromEntries(TIME.formatToParts(new Date(instant)).map((part) => [part.type, part.value]));
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
};
const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

describeWithChromium("the console's dossier page in Chromium", () => {
  let app: AppProcess;
  let dataDir: string;
  let storeEnv: Record<string, string>;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let admin: string;
  const outside: string[] = [];
  const pageErrors: string[] = [];

  /** Adds a user with a password through the CLI, as an administrator would. */
  const addUser = (user: { username: string; password: string }, role: string, unit: string, name: string) => {
    const added = runKetnap(
      ['user', 'add', user.username, '--role', role, '--unit', unit, '--name', name],
      { ...storeEnv, KETNAP_DATA_DIR: dataDir, KETNAP_LANG: 'en' },
      { input: `${user.password}\n` },
    );
    expect({ status: added.status, stderr: added.stderr }).toEqual({ status: 0, stderr: '' });
  };

  beforeAll(async () => {
    dataDir = tempDataDir();
    const demo = await loadDemo(dataDir);
    expect({ status: demo.status, stderr: demo.stderr }).toEqual({ status: 0, stderr: '' });
    storeEnv = await e2eStoreEnv({ KETNAP_DATA_DIR: dataDir });
    addUser(OFFICE, 'office', COMMITTEE, 'Nguyễn Thị Lan');
    app = await startApp({ KETNAP_DATA_DIR: dataDir, AUTH_SECRET }, 30_000);
    await readModelsCaughtUp(app.baseUrl, { allConsumers: true, timeoutMs: 60_000 });
    admin = await tokenFor('admin');
    browser = await launchChromium();
    context = await browser.newContext({ locale: 'vi-VN' });
    page = await context.newPage();
    page.on('request', (req) => {
      if (!req.url().startsWith(`${app.baseUrl}/`)) outside.push(req.url());
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  afterEach(() => {
    expect({ outside, pageErrors }).toEqual({ outside: [], pageErrors: [] });
  });

  const tokenOfPage = (): Promise<string> =>
    page.evaluate(() => JSON.parse(sessionStorage.getItem('ketnap.session') ?? 'null')?.token ?? null);

  /** GET under /api/v1 with `token`, in Vietnamese, as the page asks. */
  const get = async (path: string, token: string) => {
    const answer = await call(app.baseUrl, 'GET', `/api/v1${path}`, { token, headers: { 'accept-language': 'vi' } });
    expect({ path, status: answer.status }).toEqual({ path, status: 200 });
    return answer.body;
  };

  /** Signs in with a password on the sign-in page, after ending the session the tab may hold. */
  async function signIn(user: { username: string; password: string }) {
    await page.goto(`${app.baseUrl}/#/dang-nhap`);
    await page.evaluate(() => sessionStorage.clear());
    await page.goto('about:blank');
    await page.goto(`${app.baseUrl}/#/dang-nhap`);
    await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
    await page.getByLabel('Tên đăng nhập').fill(user.username);
    await page.getByLabel('Mật khẩu').fill(user.password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('heading', { name: 'Tổng quan' }).waitFor();
  }

  /** Opens a dossier's page by its URL and waits for its timeline. */
  async function open(id: string) {
    await page.goto('about:blank');
    await page.goto(`${app.baseUrl}/#/ho-so/${id}`);
    await page.waitForSelector('ol.timeline > li');
  }

  /** The dossiers of the office's list with their full view, until `wanted` says one fits. */
  async function findDossier(token: string, wanted: (dossier: any, history: any) => boolean) {
    const { items } = await get('/dossiers?limit=500', token);
    for (const summary of items) {
      const dossier = await get(`/dossiers/${summary.id}`, token);
      const history = await get(`/dossiers/${summary.id}/history`, token);
      if (wanted(dossier, history)) return { dossier, history };
    }
    throw new Error('no dossier of the demo fits');
  }

  /**
   * What a refused write must leave as it was: the dossier's version and history, and every event of
   * the store but the access log's (reading the dossier, as this does and the page does, is logged).
   */
  const stateOf = async (id: string, token: string) => ({
    version: (await get(`/dossiers/${id}`, token)).version,
    history: (await get(`/dossiers/${id}/history`, token)).items.length,
    events: (await get('/audit/verify', admin)).ok
      ? Number(
          (
            await queryStoreTables<{ n: number | string }>(
              dataDir,
              `SELECT COUNT(*) AS n FROM events WHERE stream_id <> '${ACCESS_LOG_STREAM}'`,
            )
          )[0].n,
        )
      : -1,
  });

  let office: string;

  it('opens a dossier from the list by keyboard: its timeline, chain and deadlines are those of the API', async () => {
    await signIn(OFFICE);
    office = await tokenOfPage();
    const { dossier: picked, history: before } = await findDossier(
      office,
      (d, h) =>
        h.items.some((e: any) => e.type === 'OpinionsCollected') &&
        d.deadlines.some((dl: any) => dl.skippedDays.length > 0),
    );
    // A correction, so the page has one to show next to the step it corrects.
    const opinions = before.items.find((e: any) => e.type === 'OpinionsCollected');
    const reason = 'Ghi thiếu ý kiến của chi hội phụ nữ';
    const corrected = await call(app.baseUrl, 'POST', `/api/v1/dossiers/${picked.id}/correction`, {
      token: admin,
      json: { eventId: opinions.eventId, changes: { summary: 'Nhất trí đề nghị kết nạp' }, reason },
    });
    expect(corrected.status).toBe(200);
    const dossier = await get(`/dossiers/${picked.id}`, office);
    const history = await get(`/dossiers/${picked.id}/history`, office);
    await readModelsCaughtUp(app.baseUrl, { allConsumers: true, timeoutMs: 30_000 });

    await page.getByRole('link', { name: 'Hồ sơ', exact: true }).click();
    await page.getByRole('heading', { name: 'Hồ sơ', exact: true }).waitFor();
    const link = page.locator(`tr[data-dossier="${dossier.id}"] th a`);
    await link.waitFor();
    await link.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: dossier.candidate.fullName }).waitFor();
    await page.waitForSelector('ol.timeline > li');
    expect(page.url()).toBe(`${app.baseUrl}/#/ho-so/${dossier.id}`);
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');

    // The header: branch, stage and rule set.
    const units = (await get('/units', office)).items;
    const fact = (key: string) => page.locator(`dd[data-fact="${key}"]`).first().textContent();
    expect(await fact('branch')).toBe(units.find((u: any) => u.unitId === dossier.branchId).name);
    const stage = messageOf(`stage.${dossier.stage}`, {}, 'vi')!;
    expect(await fact('stage')).toBe(stage[0].toUpperCase() + stage.slice(1));
    expect(await fact('ruleSet')).toBe(dossier.ruleSet);

    // Every event of the history, in order, with its legal date, who recorded it and when.
    const shown = await page.$$eval('ol.timeline > li', (lis) =>
      lis.map((li) => ({
        eventId: li.getAttribute('data-event'),
        type: li.getAttribute('data-type'),
        date: li.querySelector('.legal-date')?.textContent,
        recordedAt: li.querySelector('.recorded-at')?.textContent,
        name: li.querySelector('h3')?.textContent,
      })),
    );
    expect(shown.map(({ name: _name, ...rest }) => rest)).toEqual(
      history.items.map((e: any) => ({
        eventId: e.eventId,
        type: e.type,
        date: e.occurredOn ? dmy(e.occurredOn) : '—',
        recordedAt: dmyhm(e.recordedAt),
      })),
    );
    expect(shown.filter((s) => !s.name || s.name === s.type)).toEqual([]);
    const recordedBy = await page.locator(`li[data-event="${opinions.eventId}"] .recorded`).textContent();
    expect(recordedBy).toContain(`Ghi nhận bởi ${opinions.actor.sub}`);
    // The correction, shown on the step it corrects, with its reason.
    expect(await page.locator(`li[data-event="${opinions.eventId}"] .correction`).textContent()).toContain(
      `Lý do: ${reason}`,
    );

    // The hash chain.
    expect(history.chainValid).toBe(true);
    expect(await page.locator('#chain-status').textContent()).toContain('Chuỗi băm hợp lệ');

    // Each deadline: due date, status, and the skipped days behind its due date.
    const deadlines = await page.$$eval('li[data-obligation]', (lis) =>
      lis.map((li) => ({
        obligation: li.getAttribute('data-obligation'),
        startedOn: li.querySelector('[data-fact="startedOn"]')?.textContent,
        dueOn: li.querySelector('[data-fact="dueOn"]')?.textContent,
        skipped: [...li.querySelectorAll('li[data-day]')].map((d) => [d.getAttribute('data-day'), d.textContent]),
      })),
    );
    expect(deadlines).toEqual(
      dossier.deadlines.map((d: any) => ({
        obligation: d.obligation,
        startedOn: dmy(d.startedOn),
        dueOn: dmy(d.dueOn),
        skipped: d.skippedDays.map((day: string) => [day, dmy(day)]),
      })),
    );
    const late = dossier.deadlines.find((d: any) => d.workingDaysLate !== undefined);
    if (late) {
      expect(
        await page.locator(`li[data-obligation="${late.obligation}"] [data-fact="workingDaysLate"]`).textContent(),
      ).toBe(`${late.workingDaysLate} ngày làm việc`);
    }
    expect(await seriousAxeViolations(page)).toEqual([]);
  }, 90_000);

  it('records a step through its form: it appears on the timeline and the history has one more event', async () => {
    const { dossier, history } = await findDossier(office, (d) =>
      d.nextSteps.some((s: string) => s in DATE_ONLY_STEPS),
    );
    const step = dossier.nextSteps.find((s: string) => s in DATE_ONLY_STEPS);
    const field = DATE_ONLY_STEPS[step];
    await open(dossier.id);
    // The forms offered are the API's next steps for this user, in its order.
    const offered = await page.$$eval('#next-step option', (options) => options.map((o) => o.getAttribute('value')));
    expect(offered).toEqual(dossier.nextSteps);
    await page.getByLabel('Bước cần ghi nhận').selectOption(step);
    const input = page.locator(`form[data-step="${step}"] [id="${field}"]`);
    // Typed as documents write dates: dd/mm/yyyy, whatever the browser's language.
    expect(await input.getAttribute('placeholder')).toBe('dd/mm/yyyy');
    await input.fill(dmy(dossier.asOf));
    await page.getByRole('button', { name: 'Ghi nhận', exact: true }).click();
    await page.locator('.notice').filter({ hasText: 'Đã ghi nhận' }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');

    const after = await get(`/dossiers/${dossier.id}/history`, office);
    expect(after.items.length).toBe(history.items.length + 1);
    const added = after.items.at(-1);
    expect(added.occurredOn).toBe(dossier.asOf);
    const last = page.locator('ol.timeline > li').last();
    expect(await last.getAttribute('data-event')).toBe(added.eventId);
    expect(await last.locator('.legal-date').textContent()).toBe(dmy(dossier.asOf));
    expect(await page.locator('ol.timeline > li').count()).toBe(after.items.length);
  }, 90_000);

  it('refuses an invalid form next to its field and appends nothing (version, history and audit unchanged)', async () => {
    const { dossier } = await findDossier(office, (d) => d.nextSteps.some((s: string) => s in DATE_ONLY_STEPS));
    const step = dossier.nextSteps.find((s: string) => s in DATE_ONLY_STEPS);
    const field = DATE_ONLY_STEPS[step];
    const before = await stateOf(dossier.id, office);
    const post = (json: object) =>
      call(app.baseUrl, 'POST', `/api/v1/dossiers/${dossier.id}/${step}`, {
        token: office,
        json,
        headers: { 'accept-language': 'vi' },
      });
    await open(dossier.id);
    await page.getByLabel('Bước cần ghi nhận').selectOption(step);
    const form = page.locator(`form[data-step="${step}"]`);
    const input = form.locator(`[id="${field}"]`);

    // The date left out: the API's 400 names the field, its message stands next to it.
    const missing = await post({});
    expect(missing.status).toBe(400);
    const message = missing.body.errors.find((e: any) => e.field === field).message;
    await form.getByRole('button', { name: 'Ghi nhận' }).click();
    await page.locator(`[id="${field}-error"]`).filter({ hasText: message }).waitFor();
    expect(await input.getAttribute('aria-invalid')).toBe('true');
    expect(await input.getAttribute('aria-describedby')).toBe(`${field}-error`);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(field);
    // Above the form, each message with the field's label (the API's detail names fields by their codes).
    const label = await form.locator(`label[for="${field}"]`).textContent();
    expect(await page.locator('#step-problem li').allTextContents()).toEqual([`${label}: ${message}`]);

    // A date not written dd/mm/yyyy: refused next to the field before anything is sent.
    const sent: string[] = [];
    const watch = (req: { method(): string; url(): string }) => {
      if (req.method() === 'POST') sent.push(req.url());
    };
    page.on('request', watch);
    await input.fill(dossier.asOf);
    await form.getByRole('button', { name: 'Ghi nhận' }).click();
    await page.locator(`[id="${field}-error"]`).filter({ hasText: 'dd/mm/yyyy' }).waitFor();
    expect(await input.getAttribute('aria-invalid')).toBe('true');
    page.off('request', watch);
    expect(sent).toEqual([]);

    // A date in the future: a rule (422), its message above the form, the date marked.
    const future = addDays(dossier.asOf, 10);
    const refused = await post({ [field]: future });
    expect({ status: refused.status, code: refused.body.code }).toEqual({ status: 422, code: 'DATE_IN_FUTURE' });
    await input.fill(dmy(future));
    await form.getByRole('button', { name: 'Ghi nhận' }).click();
    await page.locator('#step-problem').filter({ hasText: refused.body.detail }).waitFor();
    expect(await page.locator('#step-problem').getAttribute('role')).toBe('alert');
    expect(await input.getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(field);
    expect(await seriousAxeViolations(page)).toEqual([]);

    expect(await stateOf(dossier.id, office)).toEqual(before);
    expect(await page.locator('ol.timeline > li').count()).toBe(before.history);
  }, 90_000);

  it('has no serious accessibility violation with the form of every step the demo offers open, and refused', async () => {
    // One dossier for each step some dossier of the demo may take next: every kind of field is met
    // (lists of people, votes, selects of values and units, long texts).
    const { items } = await get('/dossiers?limit=500', office);
    // A few dossiers of each stage: what may come next follows mostly from the stage.
    const sample = items.filter(
      (d: any, i: number) => items.slice(0, i).filter((e: any) => e.stage === d.stage).length < 3,
    );
    const forStep = new Map<string, string>();
    for (const summary of sample) {
      for (const step of (await get(`/dossiers/${summary.id}`, office)).nextSteps) {
        if (!forStep.has(step)) forStep.set(step, summary.id);
      }
    }
    expect([...forStep.keys()]).toEqual(
      expect.arrayContaining(['helper-assigned', 'introducers-recorded', 'committee-resolution', 'admission-decision']),
    );
    for (const [step, id] of forStep) {
      await open(id);
      await page.getByLabel('Bước cần ghi nhận').selectOption(step);
      const form = page.locator(`form[data-step="${step}"]`);
      await form.waitFor();
      expect({ step, violations: await seriousAxeViolations(page) }).toEqual({ step, violations: [] });
      if (step !== 'committee-resolution' && step !== 'helper-assigned') continue;
      // Sent empty: every field refused at once, each message next to its field.
      await form.getByRole('button', { name: 'Ghi nhận' }).click();
      await page.locator('#step-problem li').first().waitFor();
      expect(await form.locator('[aria-invalid="true"]').count()).toBeGreaterThan(1);
      // A list's entry is named `helpers.0.name` by the API: its message stands next to that entry's field.
      if (step === 'helper-assigned') {
        expect(await form.locator('[id="helpers[0].name"]').getAttribute('aria-invalid')).toBe('true');
        expect(await form.locator('[id="helpers[0].name-error"]').textContent()).not.toBe('');
      }
      expect({ step, refused: await seriousAxeViolations(page) }).toEqual({ step, refused: [] });
    }
  }, 90_000);

  it('shows a secretary only her branch: the list is the API answer for her token, another branch is refused', async () => {
    const all = (await get('/dossiers?limit=500', admin)).items;
    const byBranch = new Map<string, string[]>();
    for (const d of all) byBranch.set(d.branchId, [...(byBranch.get(d.branchId) ?? []), d.id]);
    const [mine, other] = [...byBranch.entries()].sort((a, b) => b[1].length - a[1].length);
    addUser(SECRETARY, 'secretary', mine[0], 'Hà Thị Thu');

    await signIn(SECRETARY);
    const token = await tokenOfPage();
    await page.getByRole('link', { name: 'Hồ sơ', exact: true }).click();
    await page.locator('#result-status').filter({ hasText: 'hồ sơ' }).waitFor();
    const answer = await get('/dossiers', token);
    const rows = await page.$$eval('tr[data-dossier]', (trs) => trs.map((tr) => tr.getAttribute('data-dossier')));
    expect(rows).toEqual(answer.items.map((d: any) => d.id));
    expect(rows.length).toBeGreaterThan(0);
    expect(answer.items.every((d: any) => d.branchId === mine[0])).toBe(true);
    expect(rows.filter((id) => other[1].includes(id))).toEqual([]);

    // Another branch's dossier by its URL: the API's refusal, in words, not a broken page.
    const refused = await call(app.baseUrl, 'GET', `/api/v1/dossiers/${other[1][0]}`, {
      token,
      headers: { 'accept-language': 'vi' },
    });
    expect([403, 404]).toContain(refused.status);
    await page.goto(`${app.baseUrl}/#/ho-so/${other[1][0]}`);
    await page.getByRole('heading', { name: 'Không mở được hồ sơ' }).waitFor();
    expect(await page.getByRole('alert').textContent()).toBe(refused.body.detail);

    // Her own dossier opens, with only the steps a branch records.
    const own = await get(`/dossiers/${mine[1][0]}`, token);
    await open(own.id);
    const offered = await page.$$eval('#next-step option', (options) => options.map((o) => o.getAttribute('value')));
    expect(offered).toEqual(own.nextSteps);
    expect(offered).not.toContain('admission-decision');
  }, 90_000);

  it('fits a phone-sized screen: the dossier page does not scroll sideways, with its form open', async () => {
    await signIn(OFFICE);
    await page.setViewportSize({ width: 375, height: 740 });
    const { dossier } = await findDossier(office, (d) => d.nextSteps.length > 0 && d.deadlines.length > 0);
    await open(dossier.id);
    for (const step of dossier.nextSteps) {
      await page.getByLabel('Bước cần ghi nhận').selectOption(step);
      await page.locator(`form[data-step="${step}"]`).waitFor();
      await page.evaluate(() => document.querySelectorAll('details').forEach((d: any) => (d.open = true)));
      const widths = await page.evaluate(() => ({
        page: document.documentElement.scrollWidth,
        screen: window.innerWidth,
      }));
      expect({ step, fits: widths.page <= widths.screen }).toEqual({ step, fits: true });
    }
  }, 90_000);

  it('shows no form to a role that records no step (inspector)', async () => {
    const inspector = await tokenFor('inspector', { units: [COMMITTEE] });
    const id = (await get('/dossiers', inspector)).items[0].id;
    expect((await get(`/dossiers/${id}`, inspector)).nextSteps).toEqual([]);
    await page.evaluate(
      ([token]) =>
        sessionStorage.setItem(
          'ketnap.session',
          JSON.stringify({
            token,
            expiresAt: new Date(Date.now() + 600_000).toISOString(),
            user: { username: 'inspector-1', role: 'inspector' },
          }),
        ),
      [inspector],
    );
    await open(id);
    expect(await page.locator('form.step-form').count()).toBe(0);
    await page.locator('#no-next-step').waitFor();
  }, 90_000);
});
