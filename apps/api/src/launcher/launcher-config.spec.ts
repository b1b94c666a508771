import { createServer, type Server } from 'node:net';
import { launcherConfigProblem, launcherPortProblem } from './launcher-config.js';

/** What `npm start` gets from a person who set nothing: the embedded PostgreSQL, port 3000. */
const nothingSet = {};
const database = { DATABASE_URL: 'postgres://relais:secret@db.example:5432/relais' };

describe("npm start's configuration check (before anything starts)", () => {
  it('accepts no DATABASE_URL at all: the embedded PostgreSQL provides it', () => {
    expect(launcherConfigProblem(nothingSet)).toBeUndefined();
    expect(launcherConfigProblem({ DATABASE_URL: '' })).toBeUndefined();
    expect(launcherConfigProblem(database)).toBeUndefined();
  });

  // The launcher prints the message as its one line on stderr and exits 1
  // (test/launcher/launcher.e2e.ts proves that with the first case).
  it.each([
    [
      { DATABASE_URL: 'mysql://db/relais' },
      'Configuration error: DATABASE_URL is invalid: expected a URL like postgres://user:password@host:5432/database.',
    ],
    [
      { DATABASE_URL: 'not a url at all' },
      'Configuration error: DATABASE_URL is invalid: expected a URL like postgres://user:password@host:5432/database.',
    ],
    [
      { PORT: 'eighty' },
      'Configuration error: PORT is invalid: expected a whole number between 0 and 65535.',
    ],
    [
      { LOG_LEVEL: 'chatty' },
      'Configuration error: LOG_LEVEL is invalid: expected one of fatal, error, warn, info, debug, trace, silent.',
    ],
  ])('refuses %p with one line naming the variable and the rule', (env, message) => {
    const problem = launcherConfigProblem({ PORT: '0', ...env });
    expect(problem).toBe(message);
    expect(problem?.split('\n')).toHaveLength(1);
  });

  it('refuses production without an SMTP server: no mail catcher stands in there', () => {
    const production = {
      NODE_ENV: 'production',
      AUTH_TOKEN_SECRET: 'a-secret-of-forty-characters-or-more-000',
      AUDIT_CHAIN_KEY: 'an-audit-chain-key-of-forty-characters-0',
      MAIL_FROM: 'relais@example.gouv.fr',
      PUBLIC_URL: 'https://relais.example.gouv.fr',
    };
    expect(launcherConfigProblem(production)).toBe(
      'Configuration error: SMTP_URL (the SMTP server the emails go through, smtp://user:password@host:587 or smtps://host:465) is required in production.',
    );
    expect(
      launcherConfigProblem({ ...production, SMTP_URL: 'smtp://smtp.example:587' }),
    ).toBeUndefined();
  });
});

describe("npm start's port check (before the database is prepared)", () => {
  let blocker: Server;
  let port: number;

  beforeAll(async () => {
    blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    port = (blocker.address() as { port: number }).port;
  });

  afterAll(async () => {
    await new Promise((resolve) => blocker.close(resolve));
  });

  it('says at once that the port is taken, and what to do', async () => {
    expect(await launcherPortProblem({ PORT: String(port), HOST: '127.0.0.1' })).toBe(
      `Port ${port} on 127.0.0.1 is already in use: stop what listens on it, or set PORT to a free port.`,
    );
  });

  it('finds nothing on a free port, and leaves it free', async () => {
    const free = createServer();
    await new Promise<void>((resolve) => free.listen(0, '127.0.0.1', resolve));
    const freePort = (free.address() as { port: number }).port;
    await new Promise((resolve) => free.close(resolve));
    expect(
      await launcherPortProblem({ PORT: String(freePort), HOST: '127.0.0.1' }),
    ).toBeUndefined();
    expect(
      await launcherPortProblem({ PORT: String(freePort), HOST: '127.0.0.1' }),
    ).toBeUndefined();
    expect(await launcherPortProblem({ PORT: '0' })).toBeUndefined();
  });
});
