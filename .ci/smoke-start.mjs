// Runs `npm start` as a newcomer would, checks Relais answers, then presses Ctrl-C (SIGINT to
// the whole process group, as a terminal does) and checks nothing is left running.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

const deadline = Date.now() + 180_000;
const child = spawn('npm', ['start'], {
  env: { ...process.env, PORT: '0' },
  stdio: ['ignore', 'pipe', 'inherit'],
  detached: true,
});
let output = '';
child.stdout.on('data', (chunk) => {
  output += chunk.toString();
  process.stdout.write(chunk);
});
const exited = new Promise((resolve) =>
  child.once('exit', (code, signal) => resolve({ code, signal })),
);

function fail(message) {
  console.error(`smoke-start: ${message}`);
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // already gone
  }
  process.exit(1);
}

let match;
while (!(match = output.match(/GraphQL: (http:\/\/\S+)\/graphql/))) {
  if (child.exitCode !== null) fail('npm start exited before Relais was ready');
  if (Date.now() > deadline) fail('Relais was not ready within 3 minutes');
  await new Promise((resolve) => setTimeout(resolve, 200));
}
const baseUrl = match[1];
const ready = await fetch(`${baseUrl}/health/ready`);
if (ready.status !== 200) fail(`/health/ready answered ${ready.status}`);
const graphql = await fetch(`${baseUrl}/graphql`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ query: '{ apiInfo { name version } }' }),
});
const body = await graphql.json();
if (body?.data?.apiInfo?.name !== 'Relais')
  fail(`unexpected GraphQL answer ${JSON.stringify(body)}`);
// The web client at the address it printed.
if (!output.includes(`open ${baseUrl}/ in a browser`))
  fail('npm start did not print the web address');
const page = await fetch(`${baseUrl}/`);
if (page.status !== 200 || !(await page.text()).includes('<div id="root">'))
  fail(`the web client's page answered ${page.status}`);

process.kill(-child.pid, 'SIGINT');
const { code, signal } = await exited;
await new Promise((resolve) => setTimeout(resolve, 500));
let leftover = false;
try {
  process.kill(-child.pid, 0);
  leftover = true;
} catch {
  // the process group is empty: nothing left behind
}
if (leftover) fail('processes of npm start are still running after Ctrl-C');
try {
  await fetch(`${baseUrl}/health/live`);
  fail('the API still answers after Ctrl-C');
} catch {
  // refused: stopped
}
if (existsSync('.data/launcher.pid')) fail('npm start left its lock file .data/launcher.pid');
if (existsSync('.data/postgres/postmaster.pid')) fail('PostgreSQL did not shut down cleanly');
console.log(
  `smoke-start: npm start served ${baseUrl} and stopped cleanly (${signal ?? `exit code ${code}`})`,
);
