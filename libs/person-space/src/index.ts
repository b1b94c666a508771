export { PersonSpaceModule } from './person-space.module.js';
export { PersonSpaceService } from './person-space.service.js';
export type { PersonSpaceView } from './person-space.service.js';
export { PersonSignInService } from './person-sign-in.service.js';
export type { SignInChallenge } from './person-sign-in.service.js';
export { FranceConnectSignInService } from './franceconnect/franceconnect-sign-in.service.js';
export type {
  FranceConnectOutcome,
  FranceConnectRefusal,
} from './franceconnect/franceconnect-sign-in.service.js';
export { MySpaceService } from './my-space.service.js';
export { MyAppointmentsService } from './my-appointments.service.js';
export type { SpaceAppointmentView } from './my-appointments.service.js';
export {
  APPOINTMENT_REMINDERS_EVERY_MS,
  AppointmentRemindersJob,
} from './appointment-reminders.job.js';
export {
  AppointmentReminderEntity,
  AppointmentReminderKind,
} from './appointment-reminder.entity.js';
export { PersonSpaceCleanupJob, SPENT_SECRETS_KEPT_MS } from './person-space-cleanup.job.js';
export type { MySpaceView, SpaceProfessionalView } from './my-space.service.js';
export { MySpaceReadsService } from './my-space-reads.service.js';
export type { SpaceFileReadPageView } from './my-space-reads.service.js';
export { SpaceFileReadKind } from './my-space-views.js';
export type { SpaceFileReadView, SpacePlanView } from './my-space-views.js';
export { PersonSpaceStatusService } from './person-space-status.service.js';
export type { PersonSpaceStatusView } from './person-space-status.service.js';
export {
  PERSON_CODE_MAX_ATTEMPTS,
  PERSON_CODE_TTL_MS,
  PERSON_LINK_TTL_MS,
} from './person-secrets.js';
export {
  PersonSignInCodeEntity,
  PersonSpaceEntity,
  PersonSpaceLinkEntity,
} from './person-space.entity.js';
export {
  RightsRequestEntity,
  RightsRequestKind,
  RightsRequestStatus,
} from './rights-request.entity.js';
export { RightsRequestService } from './rights-request.service.js';
export type { RightsRequestView } from './rights-request.service.js';

import {
  PersonSignInCodeEntity,
  PersonSpaceEntity,
  PersonSpaceLinkEntity,
} from './person-space.entity.js';
import { AppointmentReminderEntity } from './appointment-reminder.entity.js';
import { RightsRequestEntity } from './rights-request.entity.js';

/** The entities this lib owns, for the app's entity list. */
export const personSpaceEntities = [
  RightsRequestEntity,
  PersonSpaceEntity,
  PersonSpaceLinkEntity,
  PersonSignInCodeEntity,
  AppointmentReminderEntity,
];
