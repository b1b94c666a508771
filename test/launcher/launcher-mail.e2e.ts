import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { connect } from 'node:net';
import { join } from 'node:path';
import pg from 'pg';
import { createTransport } from 'nodemailer';
import { databaseUrl, waitUntil } from '@relais/testing';
import { startLauncher, stopAllLaunchers } from '../support/launcher-process.js';
import { startFromEmptyTables } from '../support/app.js';

/** Whether something accepts TCP connections on the loopback port. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

const READY = /Relais is ready .* GraphQL: (http:\/\/\S+)\/graphql/;
const CAUGHT =
  /emails are caught \((smtp:\/\/127\.0\.0\.1:(\d+))\) and kept in (\S+): see them at (http:\/\/\S+\/dev\/courriels)/;

describe('npm start without SMTP_URL: the development mail catcher', () => {
  startFromEmptyTables();
  const database = `${new URL(process.env.DATABASE_URL ?? 'postgres://x/x').pathname.slice(1)}_launcher_mail`;
  let dataRoot: string;

  beforeAll(async () => {
    dataRoot = await mkdtemp(join(tmpdir(), 'relais-launcher-mail-'));
  });

  afterEach(async () => {
    await stopAllLaunchers();
  });

  afterAll(async () => {
    const admin = new pg.Client({
      connectionString: databaseUrl(process.env.DATABASE_URL as string, 'postgres'),
    });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(database)} WITH (FORCE)`);
    await admin.end();
    await rm(dataRoot, { recursive: true, force: true });
  });

  it('keeps the emails in the data folder, shows them to the API, and stops with it', async () => {
    const run = startLauncher({
      DATABASE_URL: databaseUrl(process.env.DATABASE_URL as string, database),
      RELAIS_DATA_DIR: dataRoot,
      SMTP_URL: undefined,
    });
    const [, baseUrl] = await run.waitForLine(READY, 90_000);
    const [, smtpUrl, smtpPort, , pageUrl] = await run.waitForLine(CAUGHT);
    expect(await listening(Number(smtpPort))).toBe(true);
    expect(pageUrl).toBe(`${baseUrl}/dev/courriels`);

    await createTransport({ url: smtpUrl }).sendMail({
      from: 'ne-pas-repondre@relais.demo',
      to: 'claire.moreau@relais.demo',
      subject: 'Courriel attrapé',
      text: 'Bonjour',
    });
    const mailFolder = join(dataRoot, 'mail');
    await waitUntil(async () => (await readdir(mailFolder)).some((name) => name.endsWith('.eml')));

    // The API was given DEV_MAIL_DIR: the development page lists it.
    const response = await fetch(`${baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ devSentEmails(first: 5) { subject to } }' }),
    });
    const body = (await response.json()) as {
      data?: { devSentEmails: { subject: string; to: string }[] };
    };
    expect(body.data?.devSentEmails).toEqual([
      { subject: 'Courriel attrapé', to: 'claire.moreau@relais.demo' },
    ]);

    run.child.kill('SIGTERM');
    expect(await run.exited).toEqual({ code: 0, signal: null });
    expect(await listening(Number(smtpPort))).toBe(false);
  });
});
