import { Module } from '@nestjs/common';
import { FileAccessService } from './file/file-access.service.js';
import { PersonService } from './people/person.service.js';
import { TeamService } from './team/team.service.js';

/** People's shared pathway files: identity, team, diagnostic, plan, appointments, notes, timeline. */
@Module({
  providers: [FileAccessService, PersonService, TeamService],
  exports: [FileAccessService, PersonService, TeamService],
})
export class PathwaysModule {}
