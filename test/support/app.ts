import { startTestApp, type TestApp } from '@relais/testing';
import { AppModule } from '../../apps/api/src/app.module.js';
import { configureApp } from '../../apps/api/src/configure-app.js';

/** The real Relais API, in process, on a random port, on this worker's database. */
export function startRelais(): Promise<TestApp> {
  return startTestApp({ module: AppModule, configure: configureApp });
}
