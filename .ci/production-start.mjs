// Runs the built Relais as a platform does (Scalingo, Clever Cloud: build, then prune the
// devDependencies): copies dist/, the lock file and the dependencies to an empty folder, prunes
// the devDependencies, then runs the Procfile's `postdeploy` (migrations) and `web` commands with
// NODE_ENV=production against DATABASE_URL's server and an SMTP server of this script's own (on a
// free loopback port; production refuses to boot without SMTP_URL), checks the API and the web
// client answer, sends SIGTERM and checks the process exits 0, then stops the SMTP server.
// Usage: DATABASE_URL=postgres://… node this-file
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';

const root = join(import.meta.dirname, '..');
const serverUrl = process.env.DATABASE_URL;
if (!serverUrl) {
  console.error(
    'production-start: DATABASE_URL (a server where a database can be created) is required',
  );
  process.exit(2);
}
const procfile = Object.fromEntries(
  readFileSync(join(root, 'Procfile'), 'utf8')
    .split('\n')
    .map((line) => line.match(/^([a-z]+):\s*(.+)$/))
    .filter(Boolean)
    .map((match) => [match[1], match[2]]),
);
for (const kind of ['web', 'postdeploy']) {
  if (!procfile[kind]) {
    console.error(`production-start: the Procfile has no ${kind} command`);
    process.exit(1);
  }
}

// The Node that runs this script (the project's Node 24) first, as the platform's would be.
const nodeFirst = `${dirname(process.execPath)}:${process.env.PATH}`;
const folder = mkdtempSync(join(tmpdir(), 'relais-production-'));
const database = `relais_production_${process.pid}`;
const admin = new URL(serverUrl);
admin.pathname = '/postgres';
const databaseUrl = new URL(serverUrl);
databaseUrl.pathname = `/${database}`;
let web;
let smtp;

/** An SMTP server on a free loopback port that accepts every email and keeps nothing. */
async function startSmtpServer() {
  const { SMTPServer } = await import('smtp-server');
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    logger: false,
    closeTimeout: 200,
    onData: (stream, _session, callback) => {
      stream.on('error', callback);
      stream.on('end', () => callback());
      stream.resume();
    },
  });
  await new Promise((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return {
    url: `smtp://127.0.0.1:${server.server.address().port}`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

async function sql(statement) {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: admin.href });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

try {
  cpSync(join(root, 'package.json'), join(folder, 'package.json'));
  cpSync(join(root, 'package-lock.json'), join(folder, 'package-lock.json'));
  cpSync(join(root, 'Procfile'), join(folder, 'Procfile'));
  cpSync(join(root, 'dist'), join(folder, 'dist'), { recursive: true });
  // As a buildpack does: the installed dependencies, then pruned to production's. The copy is
  // of hard links (fast); the lock file npm rewrites is unlinked first, and pruning removes
  // files without rewriting any, so the checkout's own node_modules stay untouched.
  const copy = spawnSync('cp', ['-al', join(root, 'node_modules'), join(folder, 'node_modules')], {
    stdio: 'inherit',
  });
  if (copy.status !== 0) throw new Error('copying node_modules failed');
  rmSync(join(folder, 'node_modules', '.package-lock.json'), { force: true });
  console.log(`production-start: npm prune --omit=dev in ${folder}`);
  const install = spawnSync(
    'npm',
    ['prune', '--omit=dev', '--no-audit', '--no-fund', '--loglevel=error'],
    { cwd: folder, stdio: 'inherit', env: { ...process.env, PATH: nodeFirst } },
  );
  if (install.status !== 0) throw new Error('npm prune --omit=dev failed');
  // The RGPD PDF's fonts come from devDependencies: the build copies them into dist/ (decision
  // 0024), where production reads them once the packages are pruned.
  const fonts = spawnSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      "const { exportFonts } = await import('./dist/libs/pathways/src/export/file-export.fonts.js');" +
        "console.log(Object.values(exportFonts()).flat().map((face) => face.font.fullName).join(', '));",
    ],
    { cwd: folder, encoding: 'utf8' },
  );
  if (fonts.status !== 0) throw new Error(`the RGPD PDF's fonts do not load: ${fonts.stderr}`);
  console.log(`production-start: the RGPD PDF's fonts load from dist: ${fonts.stdout.trim()}`);

  await sql(`CREATE DATABASE ${database}`);
  const port = await freePort();
  smtp = await startSmtpServer();
  const env = {
    ...process.env,
    PATH: nodeFirst,
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl.href,
    PORT: String(port),
    HOST: '127.0.0.1',
    AUTH_TOKEN_SECRET: randomBytes(48).toString('base64'),
    AUDIT_CHAIN_KEY: randomBytes(48).toString('base64'),
    // Required in production: where the emails go, their sender, the address in their links.
    SMTP_URL: smtp.url,
    MAIL_FROM: 'Relais <ne-pas-repondre@relais.example.gouv.fr>',
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    LOG_LEVEL: 'warn',
  };
  delete env.REDIS_URL;

  console.log(`production-start: postdeploy: ${procfile.postdeploy}`);
  const migrate = spawnSync('sh', ['-c', procfile.postdeploy], {
    cwd: folder,
    env,
    stdio: 'inherit',
  });
  if (migrate.status !== 0) throw new Error(`postdeploy exited with ${migrate.status}`);

  console.log(`production-start: web: ${procfile.web}`);
  web = spawn('sh', ['-c', `exec ${procfile.web}`], { cwd: folder, env, stdio: 'inherit' });
  const exited = new Promise((resolve) =>
    web.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (web.exitCode !== null)
      throw new Error(`web exited with ${web.exitCode} before it was ready`);
    if (Date.now() > deadline) throw new Error('web was not ready within 60 s');
    const status = await fetch(`${base}/health/ready`).then(
      (response) => response.status,
      () => 0,
    );
    if (status === 200) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const info = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ apiInfo { name version } }' }),
  }).then((response) => response.json());
  if (info?.data?.apiInfo?.name !== 'Relais')
    throw new Error(`GraphQL answered ${JSON.stringify(info)}`);
  const page = await fetch(`${base}/`, { headers: { accept: 'text/html' } });
  if (page.status !== 200 || !(await page.text()).includes('<div id="root">'))
    throw new Error(`the web client's page answered ${page.status}`);
  web.kill('SIGTERM');
  const { code, signal } = await exited;
  if (code !== 0) throw new Error(`web exited with ${code ?? signal} after SIGTERM`);
  console.log(
    'production-start: migrated, served the API and the web client, stopped on SIGTERM: ok',
  );
} catch (error) {
  console.error(`production-start: ${error instanceof Error ? error.message : error}`);
  process.exitCode = 1;
} finally {
  if (web && web.exitCode === null) web.kill('SIGKILL');
  await smtp?.close();
  await sql(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(() => undefined);
  rmSync(folder, { recursive: true, force: true });
}
