// `npm run screenshots`: the console's pages on the demo's data, at desktop and phone width, written to
// docs/screenshots/ for the README. Run by hand after changing a page (Debian's Chromium, nothing
// downloaded); the README test checks that every page has both pictures and that the README shows them.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { REPO, tokenFor } from '../api-support';
import { signIn, startConsoleOnDemo } from './console-app';
import { CONSOLE_PAGES, CONSOLE_USERS, SCREEN_WIDTHS } from './console-pages';

const OUT = join(REPO, 'docs', 'screenshots');

async function main(): Promise<void> {
  const demo = await startConsoleOnDemo(Object.values(CONSOLE_USERS));
  try {
    const admin = await tokenFor('admin');
    rmSync(OUT, { recursive: true, force: true });
    mkdirSync(OUT, { recursive: true });
    for (const [width, height, suffix] of SCREEN_WIDTHS) {
      const pages = new Map<string, Page>();
      for (const shown of CONSOLE_PAGES) {
        let page = pages.get(shown.user);
        if (!page) {
          const context = await demo.browser.newContext({ locale: 'vi-VN', viewport: { width, height } });
          page = await context.newPage();
          if (shown.user !== 'none') await signIn(page, demo.app.baseUrl, CONSOLE_USERS[shown.user].username);
          pages.set(shown.user, page);
        }
        await page.goto('about:blank');
        await page.goto(`${demo.app.baseUrl}/${await shown.hash(demo.app.baseUrl, admin)}`);
        await page.waitForSelector(shown.ready);
        await shown.prepare?.(page);
        const file = join(OUT, `${shown.name}-${suffix}.png`);
        await page.screenshot({ path: file, fullPage: shown.fullPage ?? false });
        process.stdout.write(`${file}\n`);
      }
      for (const page of pages.values()) await page.context().close();
    }
  } finally {
    await demo.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`screenshots: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
