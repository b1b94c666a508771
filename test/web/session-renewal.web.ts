import { jest } from '@jest/globals';
import type { Browser, WebSocket } from 'playwright-core';
import type { TestApp } from '@relais/testing';
import {
  bellCount,
  launchBrowser,
  newDesk,
  personFollowedBy,
  signInAs,
  startWebRelais,
  waitForBell,
  onFreshDemoCopy,
} from './browser-support.js';

// A live connection does not outlive its access token; the web client renews it unseen and
// catches up (issue 15, item 1).
jest.setTimeout(120_000);

/** Access tokens of a few seconds, so that the expiry comes during the test. */
const TTL_SECONDS = 8;

describe('the live channel at its token’s expiry', () => {
  onFreshDemoCopy();
  let relais: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    const previous = process.env.ACCESS_TOKEN_TTL_SECONDS;
    process.env.ACCESS_TOKEN_TTL_SECONDS = String(TTL_SECONDS);
    try {
      relais = await startWebRelais();
    } finally {
      if (previous === undefined) delete process.env.ACCESS_TOKEN_TTL_SECONDS;
      else process.env.ACCESS_TOKEN_TTL_SECONDS = previous;
    }
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await relais?.close();
  });

  it('is ended by the server with its reason, comes back with a fresh token, and still brings notifications', async () => {
    const page = await (await newDesk(browser)).newPage();
    const sockets: WebSocket[] = [];
    const expired: WebSocket[] = [];
    page.on('websocket', (socket) => {
      if (!socket.url().includes('/socket.io/')) return;
      sockets.push(socket);
      socket.on('framereceived', ({ payload }) => {
        if (String(payload).includes('"session-expired"')) expired.push(socket);
      });
    });
    await signInAs(page, relais.baseUrl, 'Claire Moreau');
    await page.getByTestId('unread-count').first().waitFor({ state: 'attached' });

    // The server ends the first socket at its token's expiry, saying why; a second one opens.
    const deadline = Date.now() + (TTL_SECONDS + 20) * 1000;
    while (!(expired.length > 0 && sockets.length >= 2 && !sockets.at(-1)?.isClosed())) {
      if (Date.now() > deadline) {
        throw new Error(`no renewal: ${sockets.length} sockets, ${expired.length} expired`);
      }
      await page.waitForEvent('websocket', { timeout: 1_000 }).catch(() => undefined);
    }
    expect(expired[0]?.isClosed()).toBe(true);
    // Still signed in: nothing asked the person anything.
    expect(await page.getByRole('heading', { level: 1, name: 'Connexion à Relais' }).count()).toBe(
      0,
    );

    // A notification after the renewal reaches the bell live.
    const before = await bellCount(page);
    const person = await personFollowedBy(relais, 'claire.moreau@relais.demo');
    const [yanis] = await relais.dataSource.query<{ id: string }[]>(
      `SELECT id FROM account WHERE email = 'yanis.benali@relais.demo'`,
    );
    const asYanis = await relais.graphqlAs(yanis?.id ?? '');
    await asYanis.data(
      `mutation($input: RequestToJoinTeamInput!) { requestToJoinTeam(input: $input) { id } }`,
      { input: { personId: person.id, reason: 'Suivi emploi' } },
    );
    await waitForBell(page, before + 1);
    await page.context().close();
  });
});
