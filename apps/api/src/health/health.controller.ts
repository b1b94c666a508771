import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckService } from '@nestjs/terminus';
import { Public } from '../auth/access.decorators.js';
import { DatabaseHealthIndicator } from './database.health.js';
import { ShutdownHealthIndicator } from './shutdown.health.js';

// Public: load balancers and supervisors call these without credentials; they reveal no data.
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: DatabaseHealthIndicator,
    private readonly shutdown: ShutdownHealthIndicator,
  ) {}

  /** The process answers: a supervisor restarts it when this fails (not while it drains). */
  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  /**
   * The process can serve: a load balancer sends no traffic while this says 503, as it does
   * from a shutdown signal on (the instance still serves meanwhile: see GracefulShutdown).
   */
  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([
      () => this.shutdown.serving('shutdown'),
      () => this.database.ping('database'),
    ]);
  }
}
