import type { INestApplication } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@relais/core';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { DomainErrorFilter } from './http/domain-error.filter.js';
import { createValidationPipe } from './http/validation.pipe.js';
import { ApiMetrics } from './observability/api-metrics.js';
import { RedisIoAdapter } from './realtime/redis-io.adapter.js';
import { serveWebClient } from './web/web-client.js';

/** What every Relais HTTP application gets, in production and in tests alike. */
export function configureApp(app: INestApplication): INestApplication {
  app.useLogger(app.get(Logger));
  app.flushLogs();
  // First, so that the request durations include everything after it.
  app.use(app.get(ApiMetrics).httpMiddleware);
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new DomainErrorFilter());
  // Several instances: socket.io rooms span them through Redis (one instance: in memory).
  const { redisUrl, trustProxy } = app.get<AppConfig>(APP_CONFIG);
  if (redisUrl) app.useWebSocketAdapter(new RedisIoAdapter(app, redisUrl));
  const express = app.getHttpAdapter().getInstance() as {
    disable?: (setting: string) => void;
    set?: (setting: string, value: unknown) => void;
  };
  // Telling the framework helps only those who look for its known weaknesses.
  express.disable?.('x-powered-by');
  // Behind reverse proxies (TRUST_PROXY), `req.ip` is the client's address as they forward it:
  // what the rate limits count by. Without it, X-Forwarded-For is ignored.
  if (trustProxy !== false) express.set?.('trust proxy', trustProxy);
  // Helmet's security headers, on every HTTP response (socket.io and WebSocket upgrades are
  // answered before Express). The API answers JSON (no GraphQL landing page either), so its
  // content policy lets nothing load and nothing frame it; the web client's files get a
  // policy of their own (web/web-client.ts).
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
      },
      xFrameOptions: { action: 'deny' },
    }),
  );
  serveWebClient(app);
  return app;
}
