import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { trackCloser, waitUntil, type TestApp } from '@relais/testing';
import { createTransport } from 'nodemailer';
import {
  startDevMailCatcher,
  type DevMailCatcher,
} from '../../apps/api/src/launcher/dev-mail-catcher.js';
import { startRelais } from '../support/app.js';

const QUERY = `query ($first: Int) {
  devSentEmails(first: $first) { id date from to subject text html }
}`;
const SEND_DIGESTS = `mutation { devSendDailyDigests }`;

interface DevSentEmail {
  id: string;
  date: string;
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string | null;
}

async function caughtFiles(folder: string): Promise<string[]> {
  return (await readdir(folder)).filter((name) => name.endsWith('.eml') && !name.startsWith('.'));
}

/** Starts the app with DEV_MAIL_DIR as given (unset when undefined), then puts it back. */
async function startRelaisWithMailFolder(folder: string | undefined): Promise<TestApp> {
  const previous = process.env.DEV_MAIL_DIR;
  if (folder === undefined) delete process.env.DEV_MAIL_DIR;
  else process.env.DEV_MAIL_DIR = folder;
  try {
    return await startRelais();
  } finally {
    if (previous === undefined) delete process.env.DEV_MAIL_DIR;
    else process.env.DEV_MAIL_DIR = previous;
  }
}

describe('the development mail catcher and the "Courriels envoyés" query', () => {
  let folder: string;
  let catcher: DevMailCatcher;
  let untrack: () => void;
  let relais: TestApp;

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'relais-dev-mail-'));
    catcher = await startDevMailCatcher({ folder: join(folder, 'mail') });
    untrack = trackCloser('development mail catcher', () => catcher.stop());
    relais = await startRelaisWithMailFolder(catcher.folder);
  });

  afterAll(async () => {
    await relais?.close();
    await catcher?.stop();
    untrack?.();
    await rm(folder, { recursive: true, force: true });
  });

  it('keeps each message as an .eml file and lists the newest first, parsed', async () => {
    const transport = createTransport({ url: catcher.url });
    for (const n of [1, 2, 3]) {
      await transport.sendMail({
        from: '"Relais" <ne-pas-repondre@relais.demo>',
        to: `personne${n}@relais.demo`,
        subject: `Courriel ${n}`,
        text: `Texte ${n}`,
        html: `<p>HTML ${n}</p>`,
      });
      const count = n;
      await waitUntil(async () => (await caughtFiles(catcher.folder)).length >= count);
      // The next one arrives in a later millisecond, so that the file names order them.
      const caughtAt = Date.now();
      await waitUntil(() => Date.now() > caughtAt);
    }
    const files = await caughtFiles(catcher.folder);
    expect(files).toHaveLength(3);

    const { devSentEmails } = await relais.graphql.data<{ devSentEmails: DevSentEmail[] }>(QUERY, {
      first: 2,
    });
    expect(devSentEmails.map((email) => email.subject)).toEqual(['Courriel 3', 'Courriel 2']);
    expect(devSentEmails[0]).toMatchObject({
      from: '"Relais" <ne-pas-repondre@relais.demo>',
      to: 'personne3@relais.demo',
      text: 'Texte 3',
      html: expect.stringContaining('<p>HTML 3</p>') as unknown,
    });
    expect(new Date(devSentEmails[0].date).getTime()).not.toBeNaN();
    expect(files).toContain(devSentEmails[0].id);
  });

  it('composes the daily digest on demand, once a day per account', async () => {
    const first = await relais.graphql.data<{ devSendDailyDigests: number }>(SEND_DIGESTS);
    expect(Number.isInteger(first.devSendDailyDigests)).toBe(true);
    const again = await relais.graphql.data<{ devSendDailyDigests: number }>(SEND_DIGESTS);
    expect(again.devSendDailyDigests).toBe(0);
  });

  it('caps the page size like every list', async () => {
    const result = await relais.graphql.execute(QUERY, { first: 101 });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('the "Courriels envoyés" query without DEV_MAIL_DIR', () => {
  let relais: TestApp;

  beforeAll(async () => {
    relais = await startRelaisWithMailFolder(undefined);
  });

  afterAll(async () => {
    await relais?.close();
  });

  it('serves nothing and composes no digest: FORBIDDEN, development only', async () => {
    for (const operation of [QUERY, SEND_DIGESTS]) {
      const result = await relais.graphql.execute(operation, { first: 5 });
      expect(result.data).toBeNull();
      expect(result.errors?.[0]?.extensions).toMatchObject({
        code: 'FORBIDDEN',
        reason: 'DEVELOPMENT_ONLY',
      });
    }
    const queued = await relais.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM email_delivery WHERE kind = 'DAILY_DIGEST'
        AND created_at > now() - interval '1 minute'`,
    );
    expect(queued[0].n).toBe(0);
  });
});
