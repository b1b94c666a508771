import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { GraphqlWsConnectionsModule } from '../graphql/graphql-ws-connections.js';
import { LiveConnectionsModule } from '../realtime/live-connections.js';
import { ApiMetrics } from './api-metrics.js';
import { InternalErrorInterceptor } from './internal-error.interceptor.js';
import { MetricsServer } from './metrics-server.js';
import { RuntimeMetrics } from './runtime-metrics.js';

/** The HTTP and GraphQL measures (used by configureApp and the GraphQL module). */
@Module({ providers: [ApiMetrics], exports: [ApiMetrics] })
export class ApiMetricsModule {}

/** Prometheus metrics, served on METRICS_PORT when it is set. */
@Module({
  imports: [ApiMetricsModule, LiveConnectionsModule, GraphqlWsConnectionsModule],
  providers: [RuntimeMetrics, MetricsServer],
  exports: [MetricsServer],
})
export class MetricsModule {}

/** Metrics, and HTTP routes' internal errors reported (tracing and Sentry start in main.ts). */
@Module({
  imports: [MetricsModule],
  providers: [{ provide: APP_INTERCEPTOR, useClass: InternalErrorInterceptor }],
})
export class ObservabilityModule {}
