export * from './pathway.enums.js';
export { PersonEntity } from './people/person.entity.js';
export { TeamMemberEntity } from './team/team-member.entity.js';
export { JoinRequestEntity } from './team/join-request.entity.js';
export { ObstacleEntity } from './diagnostic/obstacle.entity.js';
export { ContractEntity } from './plan/contract.entity.js';
export { GoalEntity } from './plan/goal.entity.js';
export { PlanActionEntity } from './plan/plan-action.entity.js';
export { AppointmentEntity } from './appointments/appointment.entity.js';
export { NoteEntity, NOTE_MAX_LENGTH } from './notes/note.entity.js';
export { NoteRevisionEntity } from './notes/note-revision.entity.js';
export { TimelineEventEntity } from './timeline/timeline-event.entity.js';

import { AppointmentEntity } from './appointments/appointment.entity.js';
import { ObstacleEntity } from './diagnostic/obstacle.entity.js';
import { NoteRevisionEntity } from './notes/note-revision.entity.js';
import { NoteEntity } from './notes/note.entity.js';
import { PersonEntity } from './people/person.entity.js';
import { ContractEntity } from './plan/contract.entity.js';
import { GoalEntity } from './plan/goal.entity.js';
import { PlanActionEntity } from './plan/plan-action.entity.js';
import { JoinRequestEntity } from './team/join-request.entity.js';
import { TeamMemberEntity } from './team/team-member.entity.js';
import { TimelineEventEntity } from './timeline/timeline-event.entity.js';

/** The entities this lib owns, for the app's entity list. */
export const pathwayEntities = [
  PersonEntity,
  TeamMemberEntity,
  JoinRequestEntity,
  ObstacleEntity,
  ContractEntity,
  GoalEntity,
  PlanActionEntity,
  AppointmentEntity,
  NoteEntity,
  NoteRevisionEntity,
  TimelineEventEntity,
];

export { PathwaysModule } from './pathways.module.js';
export { FileAccessService } from './file/file-access.service.js';
export type { FileScope } from './file/file-access.service.js';
export { updateVersioned, changedFields } from './file/versioned-update.js';
export { appendTimeline } from './timeline/timeline.writer.js';
export type { TimelineEntry } from './timeline/timeline.writer.js';
export { TimelineRepository } from './timeline/timeline.repository.js';
export type { TimelineActor } from './timeline/timeline.repository.js';
export { ObstacleRepository } from './diagnostic/obstacle.repository.js';
export { PlanRepository } from './plan/plan.repository.js';
export { HandoverContextRepository } from './team/handover-context.repository.js';
export type {
  HandoverPreviewRequest,
  HandoverPreviewRows,
  PreviewContract,
  PreviewObstacle,
  PreviewPlan,
  PreviewProject,
} from './team/handover-context.repository.js';
export { AppointmentRepository } from './appointments/appointment.repository.js';
export { NoteRepository } from './notes/note.repository.js';
export { FileFactsRepository } from './file/file-facts.repository.js';
export { TeamRepository } from './team/team.repository.js';
export { PersonService } from './people/person.service.js';
export type { CreatedPerson } from './people/person.service.js';
export type * from './people/person.inputs.js';
export type * from './people/person.views.js';
export { isValidNir, normalizeNir } from './people/nir.js';
export { searchText } from './people/search-text.js';
export { TeamService } from './team/team.service.js';
export type * from './team/team.views.js';
export { ReferentChangeRepository } from './team/referent-change.repository.js';
export { TeamAudienceRepository } from './team/team-audience.repository.js';
export { resolveAudience } from './team/event-audience.js';
export { PersonSharingRepository } from './people/person-sharing.repository.js';
export { PersonRetentionRepository } from './people/person-retention.repository.js';
export type {
  ArchivedFileTeamRow,
  ExpiredHandoverRow,
} from './people/person-retention.repository.js';
export { PersonPurgeRepository } from './people/person-purge.repository.js';
export type { CallerStayRow } from './people/person-purge.repository.js';
export type { FormerReferent, NewReferent } from './team/referent-change.repository.js';
export { ObstacleService } from './diagnostic/obstacle.service.js';
export type * from './diagnostic/obstacle.views.js';
export { PlanService } from './plan/plan.service.js';
export type * from './plan/plan.views.js';
export { AppointmentService } from './appointments/appointment.service.js';
export { AppointmentPresence } from './appointments/appointment-presence.js';
export { SPACE_PAST_APPOINTMENTS } from './appointments/appointment.repository.js';
export type * from './appointments/appointment.views.js';
export { NoteService } from './notes/note.service.js';
export type {
  NoteChanges,
  NoteHistoryBatch,
  NoteRevisionView,
  NoteView,
} from './notes/note.service.js';
export { TimelineService } from './timeline/timeline.service.js';
export { searchPosition, timePosition } from './file/cursor-positions.js';
export { FilePartsReader } from './file/file-parts.js';
export type { FilePart, JsonRow } from './file/file-parts.js';
export type { TimelineActorView, TimelineEventView } from './timeline/timeline.views.js';
export { PersonRepository } from './people/person.repository.js';
export type { PersonBirthIdentity } from './people/person.repository.js';
export { PersonImportRepository } from './people/person-import.repository.js';
export { TeamImportRepository } from './team/team-import.repository.js';
export type { TeamImportActor, TeamImportProblemRow } from './team/team-import.repository.js';
export type {
  PersonImportActor,
  PersonImportKey,
  PersonImportProblemRow,
} from './people/person-import.repository.js';
export { summaryOf } from './people/person-summary.views.js';
export type { SummaryRow } from './people/person-summary.views.js';
export { FileExportService } from './export/file-export.service.js';
export type { FileExportDownload } from './export/file-export.service.js';
export { renderFileExportPdf } from './export/file-export.renderer.js';
export { FILE_EXPORT_LAYOUT } from './export/file-export.views.js';
export type * from './export/file-export.views.js';
