import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { APP_CONFIG, type AppConfig } from '@relais/core';
import { describeRetention } from './retention-report.js';
import { RetentionService } from './retention.service.js';

/** Every day at 03:15, Paris time: the quietest hour of French caseworkers. */
export const RETENTION_CRON = '15 3 * * *';
export const RETENTION_TIME_ZONE = 'Europe/Paris';

/**
 * The daily retention run of each API instance (`RETENTION_SCHEDULE=off` turns it off). The
 * service's advisory lock lets one instance run; the others log that it is taken.
 */
@Injectable()
export class RetentionScheduler implements OnModuleDestroy {
  private readonly logger = new Logger('Retention');
  private running: Promise<void> | null = null;

  constructor(
    private readonly retention: RetentionService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Cron(RETENTION_CRON, {
    name: 'relais.retention',
    timeZone: RETENTION_TIME_ZONE,
    waitForCompletion: true,
  })
  async runDaily(): Promise<void> {
    if (this.config.retentionSchedule === 'off' || this.running) return;
    this.running = this.runOnce().finally(() => {
      this.running = null;
    });
    await this.running;
  }

  async onModuleDestroy(): Promise<void> {
    // Let a run in progress finish its transaction before the data source closes.
    await this.running;
  }

  private async runOnce(): Promise<void> {
    try {
      const report = await this.retention.run();
      if (!report) {
        this.logger.log('Retention: another instance is running it');
        return;
      }
      for (const line of describeRetention(report)) this.logger.log(`Retention: ${line}`);
    } catch (error) {
      this.logger.error(`Retention failed: ${String(error)}`);
    }
  }
}
