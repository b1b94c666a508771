import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

/**
 * Debian's headless shell first (`apt-get install chromium-headless-shell`, the same Chromium
 * without its browser window's machinery, as Playwright's own headless default): the browser
 * tier's Chromium took 61 s of CPU for access, forms and sessions with the full browser in
 * headless mode and 37 s with the shell, every test passing (docs/decisions/0021). The binary
 * itself, not /usr/bin's script, which runs it as a child instead of replacing itself.
 */
const CANDIDATES = [
  '/usr/lib/chromium/chromium-headless-shell',
  '/usr/bin/chromium-headless-shell',
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
];

/**
 * Debian's Chromium (npm's browser downloads are not used): CHROMIUM_PATH, else the usual
 * places. `.ci/run` installs the headless shell with apt-get when it is missing.
 */
function chromiumPath() {
  const candidates = process.env.CHROMIUM_PATH ? [process.env.CHROMIUM_PATH] : CANDIDATES;
  const found = candidates.find((path) => existsSync(path));
  if (!found) {
    throw new Error(
      `The browser tests need Chromium: install it (Debian: apt-get install chromium) or set CHROMIUM_PATH. Looked in ${candidates.join(', ')}.`,
    );
  }
  return found;
}

/**
 * One Chromium for the whole run of the browser tier, started by its global setup: each test
 * file connects to it (test/web/browser-support.ts) and works in browser contexts of its own,
 * which its disconnection closes. A Chromium start costs a file about a second; the files share
 * one instead (docs/decisions/0021-a-fast-test-suite.md). Playwright kills it if jest exits
 * without its teardown (signal or exit).
 */
export function startChromiumServer() {
  return chromium.launchServer({
    executablePath: chromiumPath(),
    // As root in a container, and with no network beyond this machine: nothing in the
    // background may try to reach the internet.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}
