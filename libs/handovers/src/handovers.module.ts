import { Module } from '@nestjs/common';
import { JobsModule } from '@relais/core';
import { HandoverExpiryJob } from './handover-expiry.job.js';
import { HandoverService } from './handover.service.js';
import { OrientationService } from './orientation.service.js';

/** Orientation requests and handovers (passages de relais), with the expiry job. */
@Module({
  imports: [JobsModule],
  providers: [HandoverService, OrientationService, HandoverExpiryJob],
  exports: [HandoverService, OrientationService],
})
export class HandoversModule {}
