import { Module } from '@nestjs/common';
import { JobsModule } from '@relais/core';
import { NotConcernedService } from './not-concerned.service.js';
import { RetentionScheduler } from './retention.scheduler.js';
import { RetentionService } from './retention.service.js';

/** The end of a file's life: archiving, purges, and the daily retention job. */
@Module({
  imports: [JobsModule],
  providers: [RetentionService, RetentionScheduler, NotConcernedService],
  exports: [RetentionService, NotConcernedService],
})
export class LifecycleModule {}
