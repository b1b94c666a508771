/**
 * `npm start`: runs Relais with its database. Without DATABASE_URL it starts an embedded
 * PostgreSQL on .data/postgres; then it creates the database, applies pending migrations, loads
 * the demo data and starts the API as a child process; without SMTP_URL (not in production) it
 * starts a mail catcher keeping the emails in .data/mail. It lives outside the Nest process so the
 * order of shutdown is its own: the API drains first, then the catcher and PostgreSQL stop.
 */
import 'reflect-metadata';
import { type ChildProcess, spawn } from 'node:child_process';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DataSource } from 'typeorm';
import {
  buildDataSourceOptions,
  describeDatabaseError,
  EmbeddedPostgresError,
  ensureDatabaseExists,
  runDemoSeed,
  runPendingMigrations,
} from '@relais/database';
import { demoSeedSteps } from '../database/demo-seed-steps.js';
import { DEMO_PERSONAS } from '../demo/demo-personas.js';
import { entities } from '../database/entities.js';
import type { ApiReadyMessage } from '../startup-failure.js';
import { startDevMailCatcher, type DevMailCatcher } from './dev-mail-catcher.js';
import { launcherConfigProblem, launcherPortProblem } from './launcher-config.js';
import {
  dataRoot,
  openLocalDatabase,
  useKeptAuditChainKey,
  type LocalDatabase,
} from './local-database.js';

const API_STOP_TIMEOUT_MS = 10_000;

const say = (line: string): void => {
  process.stdout.write(`relais: ${line}\n`);
};

let opening: Promise<LocalDatabase> | undefined;
let database: LocalDatabase | undefined;
let api: ChildProcess | undefined;
let mailCatcher: DevMailCatcher | undefined;
let stopping: Promise<never> | undefined;

/** Stops the API, then the mail catcher and the database, then exits; safe to call from anywhere, any number of times. */
function stopEverything(exitCode: number): Promise<never> {
  stopping ??= (async () => {
    if (api && api.exitCode === null && api.signalCode === null) {
      const child = api;
      const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), API_STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    }
    await mailCatcher?.stop();
    // A signal may come while the database is still starting: wait for it, then stop it.
    database ??= await opening?.catch(() => undefined);
    await database?.release();
    process.exit(exitCode);
  })();
  return stopping;
}

async function fail(line: string): Promise<never> {
  // Once stopping, failures are the stop's own doing (a migration cut short): not news.
  if (!stopping) process.stderr.write(`relais: ${line}\n`);
  return stopEverything(1);
}

async function seedDemoData(url: string): Promise<void> {
  const dataSource = new DataSource(
    await buildDataSourceOptions({ url, entities, poolSize: 1, applicationName: 'relais-seed' }),
  );
  await dataSource.initialize();
  try {
    const steps = await runDemoSeed(dataSource, demoSeedSteps);
    say(`demo data up to date (${steps.length} seed step${steps.length === 1 ? '' : 's'})`);
  } finally {
    await dataSource.destroy();
  }
}

/** How to sign in as each demo persona, printed once Relais is ready. */
function printPersonas(graphqlUrl: string): void {
  const base = graphqlUrl.replace(/\/graphql$/, '');
  say('or sign in through the API (development sign-in), for example:');
  say(
    `  curl -s -X POST ${base}/auth/dev/sign-in -H 'content-type: application/json' -d '{"email":"${DEMO_PERSONAS[0]?.email}"}'`,
  );
  const width = Math.max(...DEMO_PERSONAS.map((persona) => persona.email.length));
  for (const persona of DEMO_PERSONAS) {
    say(`  ${persona.email.padEnd(width)}  ${persona.description}`);
  }
  say(
    'then send "Authorization: Bearer <accessToken>" with each GraphQL request, e.g. { me { email } }',
  );
}

function startApi(url: string, env: NodeJS.ProcessEnv): Promise<ApiReadyMessage> {
  const mainScript = fileURLToPath(new URL('../main.js', import.meta.url));
  return new Promise((resolveReady, rejectReady) => {
    const child = spawn(process.execPath, [...process.execArgv, mainScript], {
      env: { ...process.env, ...env, DATABASE_URL: url },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      // Its own process group: Ctrl-C reaches the launcher only, which stops things in order.
      detached: true,
    });
    api = child;
    child.on('message', (message: ApiReadyMessage) => {
      if (message?.type === 'relais:ready') resolveReady(message);
    });
    child.once('exit', (code, signal) => rejectReady(new ApiExitedError(code, signal)));
  });
}

class ApiExitedError extends Error {
  constructor(
    readonly code: number | null,
    readonly signal: NodeJS.Signals | null,
  ) {
    super(`the API stopped (${signal ?? `exit code ${code}`})`);
  }
}

async function main(): Promise<void> {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      if (stopping) {
        // A second Ctrl-C: the person is in a hurry.
        api?.kill('SIGKILL');
        return;
      }
      say('stopping');
      void stopEverything(0);
    });
  }

  // Everything but the database URL is checked before anything starts.
  const configProblem = launcherConfigProblem(process.env);
  if (configProblem) return void (await fail(configProblem));
  const portProblem = await launcherPortProblem(process.env);
  if (portProblem) return void (await fail(portProblem));

  let target: LocalDatabase;
  try {
    opening = openLocalDatabase({ shareRunning: false, onStart: say });
    target = database = await opening;
  } catch (error) {
    if (error instanceof EmbeddedPostgresError) return void (await fail(error.message));
    throw error;
  }
  try {
    if (await ensureDatabaseExists(target.url)) say('created the database');
    await useKeptAuditChainKey(target);
    const applied = await runPendingMigrations(target.url);
    say(
      applied.length ? `applied migrations: ${applied.join(', ')}` : 'database schema up to date',
    );
    if ((process.env.NODE_ENV || 'development') !== 'production') await seedDemoData(target.url);
  } catch (error) {
    return void (await fail(describeDatabaseError(error, target.url)));
  }
  // Ctrl-C during the preparation: do not start the API on a database being stopped.
  if (stopping) return;

  const nodeEnv = process.env.NODE_ENV || 'development';
  // Without SMTP_URL, development keeps the emails in .data/mail and shows them on a page;
  // production has no such fallback (it refuses to boot without SMTP_URL).
  const mailEnv: NodeJS.ProcessEnv = {};
  if (!process.env.SMTP_URL && nodeEnv !== 'production') {
    mailCatcher = await startDevMailCatcher({ folder: join(dataRoot(), 'mail') });
    mailEnv.SMTP_URL = mailCatcher.url;
    mailEnv.DEV_MAIL_DIR = mailCatcher.folder;
  }
  // The demo signs in by email unless told otherwise; production never does.
  const devSignIn = process.env.DEV_SIGN_IN || (nodeEnv === 'production' ? 'false' : 'true');
  try {
    const ready = await startApi(target.url, {
      NODE_ENV: nodeEnv,
      DEV_SIGN_IN: devSignIn,
      AUTH_TOKEN_SECRET: process.env.AUTH_TOKEN_SECRET || (await target.tokenSecret?.()),
      ...mailEnv,
    });
    say(`Relais is ready on ${target.description}. GraphQL: ${ready.graphqlUrl}`);
    const webUrl = ready.graphqlUrl.replace(/\/graphql$/, '/');
    say(
      devSignIn === 'true'
        ? `open ${webUrl} in a browser and sign in as one of the demo personas below`
        : `open ${webUrl} in a browser`,
    );
    if (devSignIn === 'true') printPersonas(ready.graphqlUrl);
    if (mailCatcher) {
      const shownFolder = relative(process.cwd(), mailCatcher.folder) || mailCatcher.folder;
      say(
        `emails are caught (${mailCatcher.url}) and kept in ${shownFolder}: see them at ${webUrl}dev/courriels`,
      );
    }
    say('press Ctrl-C to stop');
  } catch (error) {
    // The API already printed why it stopped.
    const code = error instanceof ApiExitedError && error.code ? error.code : 1;
    await stopEverything(code);
  }

  api?.once('exit', (code, signal) => {
    if (stopping) return;
    process.stderr.write(
      `relais: the API stopped unexpectedly (${signal ?? `exit code ${code}`})\n`,
    );
    void stopEverything(code || 1);
  });
}

main().catch(async (error: unknown) => {
  const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
  await fail(`could not start: ${message}`);
});
