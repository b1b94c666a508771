import { Module } from '@nestjs/common';
import { PathwaysModule } from '@relais/pathways';
import { ReadModelsModule } from '@relais/read-models';
import { CaseloadExportController } from './caseload-export.controller.js';
import { CaseloadResolver } from './caseload.resolver.js';
import { FileExportController } from './file-export.controller.js';
import { HistoryResolver } from './history.resolver.js';
import { NoteFileResolver, NoteHistoryResolver, NoteResolver } from './note.resolver.js';
import { PersonFilePrefetch } from './person-file.prefetch.js';
import { PersonFileResolver, PersonResolver } from './person.resolver.js';
import { PlanFileResolver, PlanResolver } from './plan.resolver.js';
import { TeamResolver } from './team.resolver.js';

/** The GraphQL face of the pathway files, and their RGPD export downloads. */
@Module({
  imports: [PathwaysModule, ReadModelsModule],
  controllers: [FileExportController, CaseloadExportController],
  providers: [
    CaseloadResolver,
    PersonResolver,
    PersonFileResolver,
    PersonFilePrefetch,
    TeamResolver,
    PlanResolver,
    PlanFileResolver,
    NoteResolver,
    NoteHistoryResolver,
    NoteFileResolver,
    HistoryResolver,
  ],
})
export class PathwaysApiModule {}
