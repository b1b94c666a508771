import type { INestApplication } from '@nestjs/common';
import { Logger } from 'nestjs-pino';

/** What every Relais HTTP application gets, in production and in tests alike. */
export function configureApp(app: INestApplication): INestApplication {
  app.useLogger(app.get(Logger));
  app.flushLogs();
  // Telling the framework helps only those who look for its known weaknesses.
  (app.getHttpAdapter().getInstance() as { disable?: (setting: string) => void }).disable?.(
    'x-powered-by',
  );
  return app;
}
