import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, JobRunner } from '@relais/core';
import { describeRetention } from './retention-report.js';
import { RetentionService } from './retention.service.js';

/** Every day at 03:15, Paris time: the quietest hour of French caseworkers. */
export const RETENTION_CRON = '15 3 * * *';
export const RETENTION_TIME_ZONE = 'Europe/Paris';

/**
 * The daily retention job (`RETENTION_SCHEDULE=off` leaves it out). The job's advisory lock lets
 * one instance run it; the service's own lock keeps `npm run retention` and the job apart. One
 * log line per run, with the counts of the three steps.
 */
@Injectable()
export class RetentionScheduler implements OnModuleInit {
  constructor(
    private readonly retention: RetentionService,
    private readonly jobs: JobRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    if (this.config.retentionSchedule === 'off') return;
    this.jobs.register({
      name: 'retention',
      schedule: { cron: RETENTION_CRON, timeZone: RETENTION_TIME_ZONE },
      lock: true,
      logLevel: 'log',
      run: async () => {
        const report = await this.retention.run();
        if (!report) return 'not run: another retention run (the CLI) holds its lock';
        return describeRetention(report).join('; ');
      },
    });
  }
}
