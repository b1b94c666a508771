import { Module } from '@nestjs/common';
import { PathwaysModule } from '@relais/pathways';
import { AccessLogReadModel } from './access-log.read-model.js';
import { AccessLogDaysReadModel } from './access-log-days.read-model.js';
import { FormerCaseloadReadModel } from './former-caseload.read-model.js';
import { EmailDeliveryLogReadModel } from './email-delivery-log.read-model.js';
import { CaseloadReadModel } from './caseload.read-model.js';
import { CaseloadExportService } from './caseload-export.service.js';
import { PersonSummaryReadModel } from './person-summary.read-model.js';
import { SearchReadModel } from './search.read-model.js';
import { TimelineReadModel } from './timeline.read-model.js';
import { TeamReadModel } from './team.read-model.js';
import { OpenHandoverReadModel } from './open-handover.read-model.js';
import { JoinRequestReadModel } from './join-request.read-model.js';
import { HandoverListReadModel } from './handover-list.read-model.js';
import { OrientationRequestListReadModel } from './orientation-request-list.read-model.js';
import { InboxReadModel } from './inbox.read-model.js';
import { PartnerFeedReadModel } from './partner-feed.read-model.js';
import { DailyDigestReadModel } from './daily-digest.read-model.js';
import { WorkQueueReadModel } from './work-queue.read-model.js';

/**
 * Cross-domain reads, each for one screen or feed (STYLE.md, "The house"): the only place besides
 * an owner's repositories allowed to name tables, and only to read them. They sit above the
 * domain libs they join; the API's resolvers call them, no domain lib does.
 */
@Module({
  // PathwaysModule: the file parts reader the timeline is read with, beside the file's parts.
  imports: [PathwaysModule],
  providers: [
    HandoverListReadModel,
    OrientationRequestListReadModel,
    CaseloadReadModel,
    CaseloadExportService,
    SearchReadModel,
    PersonSummaryReadModel,
    AccessLogReadModel,
    AccessLogDaysReadModel,
    FormerCaseloadReadModel,
    EmailDeliveryLogReadModel,
    TimelineReadModel,
    TeamReadModel,
    OpenHandoverReadModel,
    JoinRequestReadModel,
    InboxReadModel,
    PartnerFeedReadModel,
    DailyDigestReadModel,
    WorkQueueReadModel,
  ],
  exports: [
    HandoverListReadModel,
    OrientationRequestListReadModel,
    CaseloadReadModel,
    CaseloadExportService,
    SearchReadModel,
    PersonSummaryReadModel,
    AccessLogReadModel,
    AccessLogDaysReadModel,
    FormerCaseloadReadModel,
    EmailDeliveryLogReadModel,
    TimelineReadModel,
    TeamReadModel,
    OpenHandoverReadModel,
    JoinRequestReadModel,
    InboxReadModel,
    PartnerFeedReadModel,
    DailyDigestReadModel,
    WorkQueueReadModel,
  ],
})
export class ReadModelsModule {}
