import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { type TestApp, trackCloser, waitUntil } from '@relais/testing';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { DEMO_PERSONAS } from '../../apps/api/src/demo/demo-personas.js';
import {
  type DevMailCatcher,
  startDevMailCatcher,
} from '../../apps/api/src/launcher/dev-mail-catcher.js';
import { webClientDirectory } from '../../apps/api/src/web/web-client.js';
import { useFreshDemoCopy } from '../jest/web-demo-copy.js';
import { startRelais } from '../support/app.js';

/** Screenshots and the accessibility summary of each run (git-ignored). */
export const RESULTS_DIR = join(import.meta.dirname, '..', '..', 'test-results', 'web');

/**
 * Screenshots are written when RELAIS_TEST_SCREENSHOTS is set (to look at the screens after a
 * run): a full-page one costs about 0.6 s of CPU, and nothing reads them in a plain run.
 */
const SCREENSHOTS = Boolean(process.env.RELAIS_TEST_SCREENSHOTS);

/**
 * This file's connection to the browser tier's one Chromium, started by its global setup
 * (test/jest/chromium-server.mjs). Closing it closes the browser contexts the file opened.
 */
export async function launchBrowser(): Promise<Browser> {
  const endpoint = process.env.RELAIS_CHROMIUM_ENDPOINT;
  if (!endpoint) throw new Error("Chromium was not started by the web tier's global setup");
  const browser = await chromium.connect(endpoint);
  browser.once(
    'disconnected',
    trackCloser('Chromium connection', () => browser.close()),
  );
  return browser;
}

/**
 * For each part of a browser file that holds several (docs/decisions/0021): the part starts on a
 * fresh copy of the demo, as a file of its own did. Call it first in the part's describe, before
 * the hooks that start the app.
 */
export function onFreshDemoCopy(): void {
  beforeAll(() => useFreshDemoCopy());
}

/**
 * Relais in process, serving the built web client, on this file's copy of the demo database
 * (seeded once by the web tier's global setup: test/jest/web-worker-database.ts).
 */
export async function startWebRelais(): Promise<TestApp> {
  if (!webClientDirectory(import.meta.dirname)) {
    throw new Error('The web client is not built: run `npm run build` first (npm test does).');
  }
  // The sign-in page offers the demo personas, as `npm start` does.
  process.env.DEV_SIGN_IN = 'true';
  return startRelais();
}

/** The development mail catcher of a file, and how to stop it. */
export interface CaughtMail {
  readonly catcher: DevMailCatcher;
  /** Stops the catcher, removes its folder and puts the environment back. */
  release(): Promise<void>;
}

/**
 * As under `npm start`: Relais sends through the development mail catcher, whose folder the
 * dev mail page (/dev/courriels) reads. Called before startWebRelais, which reads the variables.
 */
export async function catchDevMail(): Promise<CaughtMail> {
  const previous = { DEV_MAIL_DIR: process.env.DEV_MAIL_DIR, SMTP_URL: process.env.SMTP_URL };
  const folder = await mkdtemp(join(tmpdir(), 'relais-dev-mail-web-'));
  const catcher = await startDevMailCatcher({ folder });
  const untrack = trackCloser('development mail catcher', () => catcher.stop());
  process.env.DEV_MAIL_DIR = folder;
  process.env.SMTP_URL = catcher.url;
  return {
    catcher,
    async release() {
      await catcher.stop();
      untrack();
      for (const [name, value] of Object.entries(previous)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
      await rm(folder, { recursive: true, force: true });
    },
  };
}

/** A browser context of its own (one person at their desk), in French, at a desktop size. */
export function newDesk(
  browser: Browser,
  viewport = { width: 1280, height: 900 },
): Promise<BrowserContext> {
  return browser.newContext({ viewport, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
}

/**
 * Opens a path of the web client already loaded in the page without loading it again, as its own
 * links do (a new history entry its router follows): a page load costs Chromium 1 to 2 s of CPU.
 * Returns once the screen it leaves is gone (the h1 of the main area removed or changed): the
 * router keeps it while the next one's code loads, and its heading could pass for the next one's.
 */
export async function openInApp(page: Page, path: string): Promise<void> {
  if (new URL(page.url()).pathname === path) return;
  // Strings evaluated in the page: the tests' TypeScript has no DOM types.
  await page.evaluate(`(() => {
    const h1 = document.querySelector('main h1');
    window.relaisLeaving = { h1, text: h1?.textContent };
    history.pushState(null, '', ${JSON.stringify(path)});
    dispatchEvent(new PopStateEvent('popstate'));
  })()`);
  await waitUntil(
    () =>
      page.evaluate<boolean>(
        '!relaisLeaving.h1?.isConnected || relaisLeaving.h1.textContent !== relaisLeaving.text',
      ),
    15_000,
  );
}

/**
 * Signs in through the sign-in page by clicking a demo persona, and waits for the home page.
 * The page is loaded unless it already shows the sign-in page (one page load less).
 */
export async function signInAs(page: Page, baseUrl: string, personaName: string): Promise<void> {
  const persona = page.getByRole('button', { name: personaName, exact: true });
  if (!(await persona.count())) await page.goto(`${baseUrl}/`);
  await persona.click();
  // In the header's menu, folded away on a narrow screen: present is enough.
  await page
    .getByRole('button', { name: 'Se déconnecter', includeHidden: true })
    .first()
    .waitFor({ state: 'attached' });
}

/** The email of the demo persona the sign-in page lists under this name. */
function demoEmail(personaName: string): string {
  const persona = DEMO_PERSONAS.find(
    ({ givenName, familyName }) => `${givenName} ${familyName}` === personaName,
  );
  if (!persona) throw new Error(`no demo persona is named ${personaName}`);
  return persona.email;
}

/**
 * Opens a path of the web client as a demo persona already signed in, where signing in is only
 * the test's setup (the tests about signing in go through the page: signInAs). The session is
 * started through the API from the page's browser context, whose request context shares its
 * cookies (`POST /auth/dev/sign-in` with `cookie: true` sets the HttpOnly relais_refresh
 * cookie), then the path is loaded: the client starts its session from the cookie as any new
 * tab does (apps/web/src/auth/session.ts, restoreSession). The path's page load alone, without
 * the sign-in page's and the home's rendering: 3.0 s of CPU (worker and Chromium) against 4.4 s
 * for signInAs then a page load, and 3.5 s for signInAs then openInApp (docs/decisions/0021).
 * Returns once the path's h1 is there (none while the session is restored), checked not to be
 * the sign-in page's.
 */
export async function openSignedIn(
  page: Page,
  baseUrl: string,
  personaName: string,
  path = '/',
): Promise<void> {
  const answer = await page.context().request.post(`${baseUrl}/auth/dev/sign-in`, {
    data: { email: demoEmail(personaName), cookie: true },
  });
  if (!answer.ok())
    throw new Error(`the demo sign-in of ${personaName} answered ${answer.status()}`);
  await page.goto(`${baseUrl}${path}`);
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  if (await page.getByRole('heading', { level: 1, name: 'Connexion à Relais' }).count()) {
    throw new Error(`${personaName}'s session was not restored from its cookie at ${path}`);
  }
}

export interface AxeScreenResult {
  readonly screen: string;
  readonly url: string;
  readonly violations: readonly { id: string; impact: string; nodes: number; help: string }[];
}

const axeResults: AxeScreenResult[] = [];

/** axe-core's minified build, of the version @axe-core/playwright itself injects. */
const AXE_SOURCE = readFileSync(
  createRequire(createRequire(import.meta.url).resolve('@axe-core/playwright')).resolve(
    'axe-core/axe.min.js',
  ),
  'utf8',
);

/**
 * Puts axe-core in each frame of the page that does not have it yet: once per document loaded,
 * however many screens are audited in it (AxeBuilder sends its 1.3 MB twice per audit).
 */
async function injectAxe(page: Page): Promise<void> {
  for (const frame of page.frames()) {
    try {
      if (await frame.evaluate('typeof window.axe === "object"')) continue;
      await frame.evaluate(AXE_SOURCE);
    } catch (error) {
      // As AxeBuilder: a frame it cannot reach (another origin) is left out of the audit.
      if (frame === page.mainFrame()) throw error;
    }
  }
}

/**
 * Runs axe-core on the page as it is (and writes a screenshot when asked) and answers the
 * serious and critical violations (an empty list when the screen passes).
 */
export async function auditScreen(page: Page, screen: string): Promise<string[]> {
  await screenshot(page, screen);
  await injectAxe(page);
  // Legacy mode: axe.run in the page itself, not runPartial plus a blank page opened for
  // finishRun (the screens have no cross-origin frame); only the violations' nodes collected.
  // Together they halve each audit (1.7 s -> 0.8 s a screen on 2 cores). axe-core is already
  // there: the builder's own source is a no-op.
  const results = await new AxeBuilder({ page, axeSource: 'void 0' })
    .setLegacyMode(true)
    .options({ resultTypes: ['violations'] })
    .analyze();
  const violations = results.violations.map((violation) => ({
    id: violation.id,
    impact: violation.impact ?? 'unknown',
    nodes: violation.nodes.length,
    help: violation.help,
  }));
  axeResults.push({ screen, url: page.url(), violations });
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${screen}: ${violation.id} (${violation.impact}) ${violation.help} — ${violation.nodes
          .slice(0, 3)
          .map((node) => node.target.join(' '))
          .join(' | ')}`,
    );
}

/** Writes what axe found on every screen of the file (all impacts), for the record. */
export async function writeAxeSummary(name: string): Promise<void> {
  await mkdir(RESULTS_DIR, { recursive: true });
  await writeFile(join(RESULTS_DIR, `axe-${name}.json`), JSON.stringify(axeResults, null, 2));
  // The next part of the same jest file writes its own.
  axeResults.length = 0;
}

/** A full-page screenshot in test-results/web/screenshots, when RELAIS_TEST_SCREENSHOTS asks. */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (!SCREENSHOTS) return;
  await mkdir(join(RESULTS_DIR, 'screenshots'), { recursive: true });
  await page.screenshot({ path: join(RESULTS_DIR, 'screenshots', `${name}.png`), fullPage: true });
}

export interface DemoPerson {
  readonly id: string;
  readonly givenName: string;
  readonly familyName: string;
}

/**
 * A person the demo account is the referent of, with no open handover and no RGPD limits: the
 * file a scenario works on.
 */
export async function personFollowedBy(relais: TestApp, email: string): Promise<DemoPerson> {
  const [person] = await relais.dataSource.query<DemoPerson[]>(
    `SELECT p.id, p.given_name AS "givenName", p.family_name AS "familyName"
       FROM person p
       JOIN team_member tm ON tm.person_id = p.id AND tm.role = 'REFERENT' AND tm.left_at IS NULL
       JOIN account a ON a.id = tm.account_id
      WHERE a.email = $1 AND p.archived_at IS NULL AND NOT p.restricted AND NOT p.objection
        AND NOT EXISTS (SELECT 1 FROM handover h WHERE h.person_id = p.id AND h.status = 'PROPOSED')
      ORDER BY p.last_activity_at DESC, p.id
      LIMIT 1`,
    [email],
  );
  if (!person) throw new Error(`the demo has no file for ${email} to work on`);
  return person;
}

/**
 * The unread count the bell shows, as a number, once the server has said it (the bell shows no
 * number before).
 */
export async function bellCount(page: Page): Promise<number> {
  // The header draws its tools twice (the bar, and the menu of narrow screens).
  const badge = page.getByTestId('unread-count').first();
  await badge.waitFor({ state: 'attached' });
  return Number((await badge.textContent())?.trim());
}

/**
 * Waits until the dispatcher has numbered every event written so far, so the notifications of
 * earlier steps are in the inboxes: a count read then does not grow by an earlier step's.
 */
export async function eventsDispatched(relais: TestApp): Promise<void> {
  await waitUntil(async () => {
    const [{ pending }] = await relais.dataSource.query<{ pending: number }[]>(
      'SELECT count(*)::int AS pending FROM outbox_event WHERE position IS NULL',
    );
    return pending === 0;
  });
}

/** Waits until the bell shows this count (it changes live, without reload). */
export async function waitForBell(page: Page, count: number): Promise<void> {
  await page
    .getByTestId('unread-count')
    .filter({ hasText: new RegExp(`^\\s*${count}\\s*$`) })
    .first()
    .waitFor({ state: 'attached' });
}

/** Waits for the screen's h1 and for its loading messages to be gone. */
export async function settle(page: Page): Promise<void> {
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  // Through locators, not a predicate evaluated in the page: the page's CSP forbids eval, which
  // Playwright's polling of a string predicate needs whenever it is not true at once.
  const loading = page.getByText('Chargement…');
  await waitUntil(async () => {
    for (const element of await loading.all()) {
      if (await element.isVisible()) return false;
    }
    return true;
  }, 15_000);
}
