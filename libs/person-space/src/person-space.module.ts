import { Module } from '@nestjs/common';
import { JobsModule } from '@relais/core';
import { AccessModule } from '@relais/access';
import { IdentityModule } from '@relais/identity';
import { EmailModule } from '@relais/notifications';
import { OrganizationsModule } from '@relais/organizations';
import { PathwaysModule } from '@relais/pathways';
import { ReadModelsModule } from '@relais/read-models';
import { FranceConnectSignInService } from './franceconnect/franceconnect-sign-in.service.js';
import { FranceConnectClient } from './franceconnect/franceconnect.client.js';
import { MySpaceReadsService } from './my-space-reads.service.js';
import { AppointmentReminderRepository } from './appointment-reminder.repository.js';
import { AppointmentRemindersJob } from './appointment-reminders.job.js';
import { MyAppointmentsService } from './my-appointments.service.js';
import { MySpaceService } from './my-space.service.js';
import { PersonSpaceStatusRepository } from './person-space-status.repository.js';
import { PersonSpaceStatusService } from './person-space-status.service.js';
import { PersonSpaceCleanupJob } from './person-space-cleanup.job.js';
import { PersonSignInService } from './person-sign-in.service.js';
import { PersonSpaceRepository } from './person-space.repository.js';
import { PersonSpaceService } from './person-space.service.js';
import { RightsRequestRepository } from './rights-request.repository.js';
import { RightsRequestService } from './rights-request.service.js';

/**
 * The followed person's personal space (issue 22): its enabling and revocation by the team, the
 * person's sign-in by link and emailed code, and what they read there. It sits above the domain
 * libs and read models it uses; nothing below calls it.
 */
@Module({
  imports: [
    JobsModule,
    IdentityModule,
    AccessModule,
    OrganizationsModule,
    PathwaysModule,
    EmailModule,
    ReadModelsModule,
  ],
  providers: [
    RightsRequestRepository,
    RightsRequestService,
    PersonSpaceRepository,
    PersonSpaceService,
    PersonSignInService,
    FranceConnectClient,
    FranceConnectSignInService,
    MySpaceService,
    MySpaceReadsService,
    PersonSpaceStatusRepository,
    PersonSpaceStatusService,
    PersonSpaceCleanupJob,
    AppointmentReminderRepository,
    AppointmentRemindersJob,
    MyAppointmentsService,
  ],
  exports: [
    RightsRequestService,
    PersonSpaceService,
    PersonSignInService,
    FranceConnectSignInService,
    MySpaceService,
    MySpaceReadsService,
    PersonSpaceStatusService,
    PersonSpaceCleanupJob,
    AppointmentRemindersJob,
    MyAppointmentsService,
  ],
})
export class PersonSpaceModule {}
