import type { INestApplication } from '@nestjs/common';
import { Logger } from 'nestjs-pino';

/** What every Relais HTTP application gets, in production and in tests alike. */
export function configureApp(app: INestApplication): INestApplication {
  app.useLogger(app.get(Logger));
  app.flushLogs();
  return app;
}
