import { Module } from '@nestjs/common';
import { AccessModule } from '@relais/access';
import { AccessLogReadService } from './access-log/access-log-read.service.js';
import { AppointmentService } from './appointments/appointment.service.js';
import { ObstacleService } from './diagnostic/obstacle.service.js';
import { FilePartsReader } from './file/file-parts.js';
import { FileAccessService } from './file/file-access.service.js';
import { FileExportService } from './export/file-export.service.js';
import { NoteService } from './notes/note.service.js';
import { PersonService } from './people/person.service.js';
import { PlanService } from './plan/plan.service.js';
import { TeamService } from './team/team.service.js';
import { TimelineService } from './timeline/timeline.service.js';

/** People's shared pathway files: identity, team, diagnostic, plan, appointments, notes, timeline. */
@Module({
  imports: [AccessModule],
  providers: [
    FileAccessService,
    FilePartsReader,
    PersonService,
    TeamService,
    ObstacleService,
    PlanService,
    AppointmentService,
    NoteService,
    TimelineService,
    AccessLogReadService,
    FileExportService,
  ],
  exports: [
    FileAccessService,
    PersonService,
    TeamService,
    ObstacleService,
    PlanService,
    AppointmentService,
    NoteService,
    TimelineService,
    AccessLogReadService,
    FileExportService,
  ],
})
export class PathwaysModule {}
