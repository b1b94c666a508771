import { Module } from '@nestjs/common';
import { JobsModule } from '@relais/core';
import { IdentityModule } from '@relais/identity';
import { OrganizationsModule } from '@relais/organizations';
import { PathwaysModule } from '@relais/pathways';
import { HandoverAcceptanceContext } from './handover-acceptance-context.js';
import { HandoverPreviewService } from './handover-preview.service.js';
import { HandoverExpiryJob } from './handover-expiry.job.js';
import { HandoverAnswerService } from './handover-answer.service.js';
import { HandoverExpiryService } from './handover-expiry.service.js';
import { HandoverProposalService } from './handover-proposal.service.js';
import { HandoverQueryService } from './handover-query.service.js';
import { HandoverRetentionRepository } from './handover-retention.repository.js';
import { HandoverRepository } from './handover.repository.js';
import { OrientationRequestRepository } from './orientation-request.repository.js';
import { OrientationService } from './orientation.service.js';

/** Orientation requests and handovers (passages de relais), with the expiry job. */
@Module({
  imports: [JobsModule, IdentityModule, OrganizationsModule, PathwaysModule],
  providers: [
    HandoverRepository,
    OrientationRequestRepository,
    HandoverProposalService,
    HandoverAnswerService,
    HandoverQueryService,
    HandoverExpiryService,
    OrientationService,
    HandoverRetentionRepository,
    HandoverExpiryJob,
    HandoverAcceptanceContext,
    HandoverPreviewService,
  ],
  exports: [
    HandoverRepository,
    OrientationRequestRepository,
    HandoverProposalService,
    HandoverAnswerService,
    HandoverQueryService,
    HandoverExpiryService,
    OrientationService,
    HandoverRetentionRepository,
    HandoverPreviewService,
  ],
})
export class HandoversModule {}
