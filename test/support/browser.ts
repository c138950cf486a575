import { existsSync } from 'node:fs';
import * as axe from 'axe-core';
import { chromium, type Browser, type Page } from 'playwright-core';

// The callback of page.evaluate runs in the browser, with its globals.
declare const document: unknown;

/** Debian's Chromium (`apt-get install chromium`): the browser of the console's tests; none is downloaded. */
export const CHROMIUM = '/usr/bin/chromium';

/** Headless, and quiet: no update, sync or background request leaves the machine. */
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const launchChromium = (): Promise<Browser> =>
  chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });

/**
 * `describe` that runs when Chromium is installed; without it the suite is skipped with the reason
 * printed, except under KETNAP_REQUIRE_SERVICES=1 (set by .ci/run, which installs it), where it fails.
 */
export function describeWithChromium(title: string, body: () => void): void {
  if (existsSync(CHROMIUM)) {
    describe(title, body);
    return;
  }
  const reason = `Chromium is not installed at ${CHROMIUM} (apt-get install -y chromium)`;
  if (process.env.KETNAP_REQUIRE_SERVICES === '1') {
    describe(title, () => {
      it(`needs Chromium at ${CHROMIUM}`, () => {
        throw new Error(`${reason}, and KETNAP_REQUIRE_SERVICES=1 requires it`);
      });
    });
    return;
  }
  process.stdout.write(`SKIPPED "${title}": ${reason} (KETNAP_REQUIRE_SERVICES=1 makes this a failure)\n`);
  describe.skip(`${title} [skipped: ${reason}]`, body);
}

/** A violation axe-core found on a page, in brief: what rule, how bad, and where. */
export interface AxeFinding {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * Runs axe-core (the npm package's own script, injected into the page: nothing is fetched) on the page
 * as it stands, against WCAG 2 A and AA, and answers the violations of impact `serious` or `critical`.
 */
export async function seriousAxeViolations(page: Page): Promise<AxeFinding[]> {
  // Evaluated through the browser's debugging protocol: the page's Content-Security-Policy, which refuses
  // inline scripts, stays on for the page itself.
  await page.evaluate(axe.source);
  const violations = await page.evaluate(async () => {
    const run = (globalThis as any).axe.run as (context: unknown, options: unknown) => Promise<any>;
    const result = await run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations.map((v: any) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n: any) => n.target.join(' ')),
    }));
  });
  return (violations as AxeFinding[]).filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
