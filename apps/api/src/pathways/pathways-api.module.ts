import { Module } from '@nestjs/common';
import { PathwaysModule } from '@relais/pathways';
import { NoteFileResolver, NoteHistoryResolver, NoteResolver } from './note.resolver.js';
import { PersonFileResolver, PersonResolver } from './person.resolver.js';
import { PlanFileResolver, PlanResolver } from './plan.resolver.js';
import { TeamResolver } from './team.resolver.js';

/** The GraphQL face of the pathway files. */
@Module({
  imports: [PathwaysModule],
  providers: [
    PersonResolver,
    PersonFileResolver,
    TeamResolver,
    PlanResolver,
    PlanFileResolver,
    NoteResolver,
    NoteHistoryResolver,
    NoteFileResolver,
  ],
})
export class PathwaysApiModule {}
