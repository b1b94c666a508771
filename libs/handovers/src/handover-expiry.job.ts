import { Injectable, type OnModuleInit } from '@nestjs/common';
import { JobRunner } from '@relais/core';
import { HandoverExpiryService } from './handover-expiry.service.js';

/**
 * Proposals unanswered after 15 days expire (DOMAIN.md, handover): every minute by default,
 * under the job's advisory lock so one instance runs it; `HANDOVER_EXPIRY_OPTIONS` shortens the
 * interval or turns the job off (0).
 */
@Injectable()
export class HandoverExpiryJob implements OnModuleInit {
  constructor(
    private readonly jobs: JobRunner,
    private readonly handovers: HandoverExpiryService,
  ) {}

  onModuleInit(): void {
    if (this.handovers.expiryIntervalMs <= 0) return;
    this.jobs.register({
      name: 'handover.expiry',
      schedule: { everyMs: this.handovers.expiryIntervalMs },
      lock: true,
      logLevel: 'debug',
      run: async () => `${await this.handovers.expireDue()} expired`,
    });
  }
}
