import { startTestApp, type TestApp, truncateAllTables } from '@relais/testing';
import { OutboxDispatcherService } from '@relais/notifications';
import { AppModule } from '../../apps/api/src/app.module.js';
import { configureApp } from '../../apps/api/src/configure-app.js';

/** The real Relais API, in process, on a random port, on this worker's database. */
export function startRelais(): Promise<TestApp> {
  return startTestApp({ module: AppModule, configure: configureApp });
}

/**
 * The API in process beside child servers that share its token secret: it builds the data and
 * signs in, and (unless `dispatch`) leaves the outbox to the children, whose pushes are observed.
 */
export async function startRelaisBesideChildren(
  tokenSecret: string,
  { dispatch = false }: { dispatch?: boolean } = {},
): Promise<TestApp> {
  const previous = process.env.AUTH_TOKEN_SECRET;
  process.env.AUTH_TOKEN_SECRET = tokenSecret;
  let relais: TestApp;
  try {
    relais = await startRelais();
  } finally {
    if (previous === undefined) delete process.env.AUTH_TOKEN_SECRET;
    else process.env.AUTH_TOKEN_SECRET = previous;
  }
  if (!dispatch) await relais.app.get(OutboxDispatcherService).stop();
  return relais;
}

/**
 * For a describe of a file that holds several themes (merged so that the app's module graph is
 * loaded once, docs/decisions/0021): empties the tables before it, as the file of its own did.
 * Call it first in the describe, before the hooks that start the app.
 */
export function startFromEmptyTables(): void {
  beforeAll(() => truncateAllTables(process.env.DATABASE_URL as string));
}
