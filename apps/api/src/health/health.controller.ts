import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckService } from '@nestjs/terminus';
import { Public } from '../auth/access.decorators.js';
import { DatabaseHealthIndicator } from './database.health.js';

// Public: load balancers and supervisors call these without credentials; they reveal no data.
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: DatabaseHealthIndicator,
  ) {}

  /** The process answers: a supervisor restarts it when this fails. */
  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  /** The process can serve: a load balancer sends no traffic while this says 503. */
  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([() => this.database.ping('database')]);
  }
}
