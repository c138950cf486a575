// `npm run screenshots`: the console's pages on the demo's data, at desktop and phone width, written to
// docs/screenshots/ for the README. Run by hand after changing a page (Debian's Chromium, nothing
// downloaded); the README test checks that every page has both pictures and that the README shows them.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { AUTH_SECRET, REPO, call, readModelsCaughtUp, tempDataDir, tokenFor } from '../api-support';
import { startApp } from './app-process';
import { launchChromium } from './browser';
import { runKetnap } from './cli-process';
import { CONSOLE_PAGES, SCREEN_WIDTHS, type ConsolePage } from './console-pages';
import { loadDemo } from './demo';

const OUT = join(REPO, 'docs', 'screenshots');
const PASSWORD = 'mật khẩu đủ dài 2024';
/** The demo's users: the commune office, and the inspection committee's inspector. */
const USERS: Record<Exclude<ConsolePage['user'], 'none'>, { role: string; units: string[]; name: string }> = {
  office: { role: 'office', units: ['dang-uy-xa-dong-tien'], name: 'Nguyễn Thị Lan' },
  inspector: { role: 'inspector', units: [], name: 'Trần Văn Kiểm' },
};

async function main(): Promise<void> {
  const dataDir = tempDataDir();
  const demo = await loadDemo(dataDir);
  if (demo.status !== 0) throw new Error(`ketnap demo failed: ${demo.stderr}`);
  for (const [username, user] of Object.entries(USERS)) {
    const added = runKetnap(
      ['user', 'add', username, '--role', user.role, ...user.units.flatMap((u) => ['--unit', u]), '--name', user.name],
      { KETNAP_DATA_DIR: dataDir, KETNAP_LANG: 'en' },
      { input: `${PASSWORD}\n` },
    );
    if (added.status !== 0) throw new Error(`ketnap user add ${username} failed: ${added.stderr}`);
  }
  const app = await startApp({ KETNAP_DATA_DIR: dataDir, AUTH_SECRET }, 30_000);
  const browser = await launchChromium();
  try {
    await readModelsCaughtUp(app.baseUrl, { allConsumers: true, timeoutMs: 60_000 });
    // The sweep at start records the breaches and opens the cases: wait until there are some.
    const admin = await tokenFor('admin');
    for (let i = 0; i < 60; i += 1) {
      const cases = await call(app.baseUrl, 'GET', '/api/v1/inspection/cases?status=open', { token: admin });
      if (cases.body.items.length > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    rmSync(OUT, { recursive: true, force: true });
    mkdirSync(OUT, { recursive: true });
    for (const [width, height, suffix] of SCREEN_WIDTHS) {
      const context = await browser.newContext({ locale: 'vi-VN', viewport: { width, height } });
      const signedIn = new Map<string, Page>();
      for (const shown of CONSOLE_PAGES) {
        let page = signedIn.get(shown.user);
        if (!page && shown.user !== 'none') {
          page = await (await browser.newContext({ locale: 'vi-VN', viewport: { width, height } })).newPage();
          await signIn(page, app.baseUrl, shown.user);
          signedIn.set(shown.user, page);
        }
        page ??= await context.newPage();
        await page.goto('about:blank');
        await page.goto(`${app.baseUrl}/${await shown.hash(app.baseUrl, admin)}`);
        await page.waitForSelector(shown.ready);
        await shown.prepare?.(page);
        const file = join(OUT, `${shown.name}-${suffix}.png`);
        await page.screenshot({ path: file });
        process.stdout.write(`${file}\n`);
      }
      await context.close();
    }
  } finally {
    await browser.close();
    await app.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function signIn(page: Page, baseUrl: string, username: string): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByRole('button', { name: 'Đăng xuất' }).waitFor();
}

main().catch((error: unknown) => {
  process.stderr.write(`screenshots: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
