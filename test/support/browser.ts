import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

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
