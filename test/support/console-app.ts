import { rmSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { AUTH_SECRET, call, readModelsCaughtUp, tempDataDir, tokenFor } from '../api-support';
import { startApp, type AppProcess } from './app-process';
import { launchChromium } from './browser';
import { runKetnap } from './cli-process';
import { loadDemo } from './demo';
import { e2eStoreEnv } from './e2e-store';

/** A user the console's tests sign in as, added with `ketnap user add` and a password. */
export interface ConsoleUser {
  username: string;
  role: string;
  units: string[];
  name: string;
}

/** The app on the demo's data, a Chromium page on it, and what the page did that it should not. */
export interface ConsoleOnDemo {
  app: AppProcess;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Requests the page made anywhere but this server (a blob: URL of its own origin is not one). */
  outside: string[];
  /** Uncaught errors of the page's scripts. */
  pageErrors: string[];
  stop(): Promise<void>;
}

/** The password every user of {@link startConsoleOnDemo} signs in with. */
export const CONSOLE_PASSWORD = 'mật khẩu đủ dài 2024';

/**
 * `ketnap demo` into a fresh directory, `users` added with a password, the app started and left to
 * stand still: the read models caught up, the sweep at start done recording its breaches and cases
 * (their lists unchanged for half a second, and some cases open). Then Chromium, in Vietnamese. Throws
 * when a step fails: the tests and `npm run screenshots` both use it.
 */
export async function startConsoleOnDemo(users: ConsoleUser[]): Promise<ConsoleOnDemo> {
  const dataDir = tempDataDir();
  const demo = await loadDemo(dataDir);
  if (demo.status !== 0 || demo.stderr !== '') throw new Error(`ketnap demo failed (${demo.status}): ${demo.stderr}`);
  const storeEnv = await e2eStoreEnv({ KETNAP_DATA_DIR: dataDir });
  for (const user of users) {
    const added = runKetnap(
      [
        'user',
        'add',
        user.username,
        '--role',
        user.role,
        ...user.units.flatMap((unit) => ['--unit', unit]),
        '--name',
        user.name,
      ],
      { ...storeEnv, KETNAP_DATA_DIR: dataDir, KETNAP_LANG: 'en' },
      { input: `${CONSOLE_PASSWORD}\n` },
    );
    if (added.status !== 0 || added.stderr !== '') {
      throw new Error(`ketnap user add ${user.username} failed (${added.status}): ${added.stderr}`);
    }
  }
  const app = await startApp({ KETNAP_DATA_DIR: dataDir, AUTH_SECRET }, 30_000);
  await readModelsCaughtUp(app.baseUrl, { allConsumers: true, timeoutMs: 60_000 });
  const admin = await tokenFor('admin');
  const board = async () =>
    JSON.stringify(
      await Promise.all(
        ['/api/v1/deadlines?status=breached&limit=500', '/api/v1/inspection/cases?limit=500'].map(
          async (path) => (await call(app.baseUrl, 'GET', path, { token: admin })).body.items,
        ),
      ),
    );
  for (let seen = await board(), i = 0; i < 40; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const again = await board();
    if (again === seen && JSON.parse(again)[1].length > 0) break;
    seen = again;
  }
  const browser = await launchChromium();
  const context = await browser.newContext({ locale: 'vi-VN', acceptDownloads: true });
  const page = await context.newPage();
  const outside: string[] = [];
  const pageErrors: string[] = [];
  page.on('request', (req) => {
    const url = req.url();
    if (!url.startsWith(`${app.baseUrl}/`) && !url.startsWith(`blob:${app.baseUrl}/`)) outside.push(url);
  });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  return {
    app,
    browser,
    context,
    page,
    outside,
    pageErrors,
    stop: async () => {
      await browser.close();
      await app.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

// The callbacks of page.evaluate run in the browser, with its globals.
declare const sessionStorage: { getItem(key: string): string | null; clear(): void };

/** Signs `username` in through the sign-in page (any session before ended) and waits for the dashboard. */
export async function signIn(page: Page, baseUrl: string, username: string): Promise<string> {
  await page.goto(`${baseUrl}/#/dang-nhap`);
  await page.evaluate(() => sessionStorage.clear());
  await page.goto('about:blank');
  await page.goto(`${baseUrl}/#/dang-nhap`);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(CONSOLE_PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByRole('heading', { name: 'Tổng quan' }).waitFor();
  const token = await page.evaluate(
    () => JSON.parse(sessionStorage.getItem('ketnap.session') ?? 'null')?.token as string | undefined,
  );
  if (!token) throw new Error(`${username} signed in, yet the page keeps no token`);
  return token;
}
