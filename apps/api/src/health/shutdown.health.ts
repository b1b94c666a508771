import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { GracefulShutdown } from '../shutdown/graceful-shutdown.service.js';

/** Down from the shutdown signal on: the load balancer stops sending while requests finish. */
@Injectable()
export class ShutdownHealthIndicator {
  constructor(
    private readonly shutdown: GracefulShutdown,
    private readonly indicators: HealthIndicatorService,
  ) {}

  serving(key: string) {
    const check = this.indicators.check(key);
    return this.shutdown.draining
      ? check.down({ message: 'the instance is shutting down' })
      : check.up();
  }
}
