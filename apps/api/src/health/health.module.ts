import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { DatabaseHealthIndicator } from './database.health.js';
import { HealthController } from './health.controller.js';
import { ShutdownHealthIndicator } from './shutdown.health.js';
import { ShutdownModule } from '../shutdown/graceful-shutdown.service.js';

@Module({
  // Terminus' own logger prints stack traces of failed checks; the 503 body says enough.
  imports: [TerminusModule.forRoot({ logger: false }), ShutdownModule],
  controllers: [HealthController],
  providers: [DatabaseHealthIndicator, ShutdownHealthIndicator],
})
export class HealthModule {}
