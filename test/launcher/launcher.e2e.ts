import { chmod, chown, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { findFreePort } from '@relais/database';
import { databaseUrl } from '@relais/testing';
import { processIsAlive } from '@relais/core';
import {
  answers,
  eventually,
  startLauncher,
  stopAllLaunchers,
} from '../support/launcher-process.js';
import { startFromEmptyTables } from '../support/app.js';

const READY = /Relais is ready .* GraphQL: (http:\/\/\S+)\/graphql/;
const STACK_FRAME = /^\s+at .+/m;

function expectOneClearLine(stderr: string, ...fragments: string[]): void {
  const lines = stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  for (const fragment of fragments) expect(lines[0]).toContain(fragment);
  expect(stderr).not.toMatch(STACK_FRAME);
}

async function postmasterPid(dataRoot: string): Promise<number> {
  const content = await readFile(join(dataRoot, 'postgres', 'postmaster.pid'), 'utf8');
  return Number.parseInt(content.split('\n')[0] ?? '', 10);
}

describe('npm start (the launcher)', () => {
  startFromEmptyTables();
  const workerUrl = (): string => process.env.DATABASE_URL as string;

  afterEach(async () => {
    await stopAllLaunchers();
  });

  describe('with DATABASE_URL', () => {
    const database = `${new URL(process.env.DATABASE_URL ?? 'postgres://x/x').pathname.slice(1)}_launcher`;

    afterAll(async () => {
      const admin = new pg.Client({ connectionString: databaseUrl(workerUrl(), 'postgres') });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(database)} WITH (FORCE)`);
      await admin.end();
    });

    it('creates the database, migrates it, serves, and stops cleanly on SIGTERM', async () => {
      const run = startLauncher({ DATABASE_URL: databaseUrl(workerUrl(), database) });
      const [, baseUrl] = await run.waitForLine(READY);
      expect(run.output()).toContain('created the database');
      expect(run.output()).toContain('applied migrations: Baseline');
      expect(run.output()).not.toContain('embedded');

      const ready = await fetch(`${baseUrl}/health/ready`);
      expect(ready.status).toBe(200);
      // The whole product: the web client at the address it prints.
      expect(run.output()).toContain(`open ${baseUrl}/ in a browser`);
      const page = await fetch(`${baseUrl}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="root"></div>');

      run.child.kill('SIGTERM');
      expect(await run.exited).toEqual({ code: 0, signal: null });
      expect(await answers(`${baseUrl}/health/live`)).toBe(false);
    });

    it('on a second start finds the schema up to date', async () => {
      const run = startLauncher({ DATABASE_URL: databaseUrl(workerUrl(), database) });
      await run.waitForLine(READY);
      expect(run.output()).toContain('database schema up to date');
      run.child.kill('SIGINT');
      expect((await run.exited).code).toBe(0);
    });
  });

  describe('refuses bad configuration with one clear line', () => {
    // Each refused configuration and its message: apps/api/src/launcher/launcher-config.spec.ts
    // and libs/core's app-config.spec.ts. Here, once, that the process says it and exits 1.
    it('a bad variable, before anything starts', async () => {
      const run = startLauncher({ DATABASE_URL: 'mysql://db/relais' });
      expect((await run.exited).code).toBe(1);
      expectOneClearLine(run.errors(), 'DATABASE_URL is invalid', 'postgres://');
      expect(run.output()).toBe('');
    });

    it('a database that refuses connections', async () => {
      const port = await findFreePort();
      const run = startLauncher({
        DATABASE_URL: `postgres://relais:secret@127.0.0.1:${port}/relais`,
      });
      expect((await run.exited).code).toBe(1);
      expectOneClearLine(run.errors(), `127.0.0.1:${port} refused the connection`);
      expect(run.errors()).not.toContain('secret');
    });

    it('a data folder that belongs to someone else', async () => {
      const dataRoot = await mkdtemp(join(tmpdir(), 'relais-foreign-'));
      try {
        await chmod(dataRoot, 0o755);
        const root = process.getuid?.() === 0;
        if (root) {
          // As root: an initialised folder owned by another user, as a copied folder would be.
          await mkdir(join(dataRoot, 'postgres'));
          await writeFile(join(dataRoot, 'postgres', 'PG_VERSION'), '17\n');
          await chown(join(dataRoot, 'postgres'), 65534, 65534);
        } else {
          // As a normal user: a folder one may not write to, as one left by a run as root.
          await chmod(dataRoot, 0o555);
        }
        const run = startLauncher({ RELAIS_DATA_DIR: dataRoot });
        expect((await run.exited).code).toBe(1);
        expectOneClearLine(run.errors(), root ? 'belongs to another user' : 'cannot write');
        expect(run.output()).not.toMatch(READY);
      } finally {
        await chmod(dataRoot, 0o755);
        await rm(dataRoot, { recursive: true, force: true });
      }
    });

    it('a port already taken', async () => {
      const blocker: Server = createServer();
      await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
      const { port } = blocker.address() as { port: number };
      try {
        const run = startLauncher({ DATABASE_URL: workerUrl(), PORT: String(port) });
        expect((await run.exited).code).toBe(1);
        expectOneClearLine(run.errors(), `Port ${port}`, 'already in use');
        expect(run.output()).not.toMatch(READY);
        // Said before the database is prepared, not after it.
        expect(run.output()).not.toContain('migrations');
      } finally {
        blocker.close();
      }
    });
  });

  describe('on the embedded PostgreSQL', () => {
    let dataRoot: string;

    beforeAll(async () => {
      dataRoot = await mkdtemp(join(tmpdir(), 'relais-launcher-'));
      // As root the database runs as the `postgres` user, who must be able to enter the folder.
      await chmod(dataRoot, 0o755);
    });

    afterAll(async () => {
      await rm(dataRoot, { recursive: true, force: true });
    });

    it('initialises once, recovers after kill -9, and leaves nothing running after Ctrl-C', async () => {
      const first = startLauncher({ RELAIS_DATA_DIR: dataRoot });
      const [, firstUrl] = await first.waitForLine(READY, 90_000);
      expect(first.output()).toContain('starting the embedded PostgreSQL');
      expect(first.output()).toContain('applied migrations: Baseline');
      expect((await fetch(`${firstUrl}/health/ready`)).status).toBe(200);

      // A second launcher on the same folder is refused while the first runs.
      const second = startLauncher({ RELAIS_DATA_DIR: dataRoot });
      expect((await second.exited).code).toBe(1);
      expectOneClearLine(second.errors(), 'already uses', 'stop it first');

      // kill -9: the API notices its launcher is gone and stops; PostgreSQL is left behind.
      const orphan = await postmasterPid(dataRoot);
      first.child.kill('SIGKILL');
      await eventually(async () => !(await answers(`${firstUrl}/health/live`)));
      expect(processIsAlive(orphan)).toBe(true);

      const again = startLauncher({ RELAIS_DATA_DIR: dataRoot });
      const [, againUrl] = await again.waitForLine(READY, 90_000);
      expect(again.output()).toContain('database schema up to date');
      expect(processIsAlive(orphan)).toBe(false);
      expect((await fetch(`${againUrl}/health/ready`)).status).toBe(200);

      const server = await postmasterPid(dataRoot);
      again.child.kill('SIGINT');
      expect(await again.exited).toEqual({ code: 0, signal: null });
      expect(processIsAlive(server)).toBe(false);
      expect(await answers(`${againUrl}/health/live`)).toBe(false);
      await expect(readFile(join(dataRoot, 'postgres', 'postmaster.pid'))).rejects.toThrow();
      await expect(readFile(join(dataRoot, 'launcher.pid'))).rejects.toThrow();
    }, 180_000);
  });
});
