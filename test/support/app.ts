import { startTestApp, type TestApp } from '@relais/testing';
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
