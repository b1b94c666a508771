import { Module } from '@nestjs/common';
import { HandoverService } from './handover.service.js';
import { OrientationService } from './orientation.service.js';

/** Orientation requests and handovers (passages de relais), with the expiry job. */
@Module({
  providers: [HandoverService, OrientationService],
  exports: [HandoverService, OrientationService],
})
export class HandoversModule {}
