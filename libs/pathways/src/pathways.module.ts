import { Module } from '@nestjs/common';
import { HandoverContextRepository } from './team/handover-context.repository.js';
import { AccessModule } from '@relais/access';
import { IdentityModule } from '@relais/identity';
import { OrganizationsModule } from '@relais/organizations';
import { AppointmentRepository } from './appointments/appointment.repository.js';
import { AppointmentService } from './appointments/appointment.service.js';
import { ObstacleRepository } from './diagnostic/obstacle.repository.js';
import { ObstacleService } from './diagnostic/obstacle.service.js';
import { FilePartsReader } from './file/file-parts.js';
import { FileAccessService } from './file/file-access.service.js';
import { FileFactsRepository } from './file/file-facts.repository.js';
import { FileExportService } from './export/file-export.service.js';
import { NoteRepository } from './notes/note.repository.js';
import { NoteService } from './notes/note.service.js';
import { PersonImportRepository } from './people/person-import.repository.js';
import { TeamImportRepository } from './team/team-import.repository.js';
import { PersonRepository } from './people/person.repository.js';
import { PersonService } from './people/person.service.js';
import { PlanRepository } from './plan/plan.repository.js';
import { PlanService } from './plan/plan.service.js';
import { TeamRepository } from './team/team.repository.js';
import { TeamService } from './team/team.service.js';
import { ReferentChangeRepository } from './team/referent-change.repository.js';
import { TeamAudienceRepository } from './team/team-audience.repository.js';
import { PersonSharingRepository } from './people/person-sharing.repository.js';
import { PersonPurgeRepository } from './people/person-purge.repository.js';
import { PersonRetentionRepository } from './people/person-retention.repository.js';
import { TimelineRepository } from './timeline/timeline.repository.js';
import { TimelinePageRepository } from './timeline/timeline-page.repository.js';
import { TimelineService } from './timeline/timeline.service.js';

/** People's shared pathway files: identity, team, diagnostic, plan, appointments, notes, timeline. */
@Module({
  imports: [AccessModule, IdentityModule, OrganizationsModule],
  providers: [
    HandoverContextRepository,
    ObstacleRepository,
    PlanRepository,
    AppointmentRepository,
    TimelineRepository,
    NoteRepository,
    FileFactsRepository,
    TeamRepository,
    FileAccessService,
    FilePartsReader,
    PersonRepository,
    PersonImportRepository,
    TeamImportRepository,
    PersonService,
    TeamService,
    ReferentChangeRepository,
    TeamAudienceRepository,
    PersonSharingRepository,
    PersonRetentionRepository,
    PersonPurgeRepository,
    ObstacleService,
    PlanService,
    AppointmentService,
    NoteService,
    TimelinePageRepository,
    TimelineService,
    FileExportService,
  ],
  exports: [
    HandoverContextRepository,
    ObstacleRepository,
    PlanRepository,
    AppointmentRepository,
    TimelineRepository,
    NoteRepository,
    FileFactsRepository,
    TeamRepository,
    FileAccessService,
    FilePartsReader,
    PersonRepository,
    PersonImportRepository,
    TeamImportRepository,
    PersonService,
    TeamService,
    ReferentChangeRepository,
    TeamAudienceRepository,
    PersonSharingRepository,
    PersonRetentionRepository,
    PersonPurgeRepository,
    ObstacleService,
    PlanService,
    AppointmentService,
    NoteService,
    TimelineService,
    FileExportService,
  ],
})
export class PathwaysModule {}
