import { Global, Injectable, Module } from '@nestjs/common';
import { Registry } from 'prom-client';

/**
 * The application's Prometheus metrics: one registry per application, not prom-client's global
 * one, so that several applications in one process (the tests) each count their own. Libraries
 * register what they measure on it; the API serves it on METRICS_PORT.
 */
@Injectable()
export class MetricsRegistry {
  readonly registry = new Registry();
}

@Global()
@Module({ providers: [MetricsRegistry], exports: [MetricsRegistry] })
export class MetricsRegistryModule {}
