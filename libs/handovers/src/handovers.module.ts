import { Module } from '@nestjs/common';
import { JobsModule } from '@relais/core';
import { HandoverExpiryJob } from './handover-expiry.job.js';
import { HandoverAnswerService } from './handover-answer.service.js';
import { HandoverExpiryService } from './handover-expiry.service.js';
import { HandoverProposalService } from './handover-proposal.service.js';
import { HandoverQueryService } from './handover-query.service.js';
import { HandoverRetentionRepository } from './handover-retention.repository.js';
import { OrientationService } from './orientation.service.js';

/** Orientation requests and handovers (passages de relais), with the expiry job. */
@Module({
  imports: [JobsModule],
  providers: [
    HandoverProposalService,
    HandoverAnswerService,
    HandoverQueryService,
    HandoverExpiryService,
    OrientationService,
    HandoverRetentionRepository,
    HandoverExpiryJob,
  ],
  exports: [
    HandoverProposalService,
    HandoverAnswerService,
    HandoverQueryService,
    HandoverExpiryService,
    OrientationService,
    HandoverRetentionRepository,
  ],
})
export class HandoversModule {}
