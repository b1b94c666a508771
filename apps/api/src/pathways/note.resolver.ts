import { Args, Info, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { viewerScope } from '@relais/access';
import type { Principal } from '@relais/identity';
import { NoteService, type NoteView, type PersonFileView } from '@relais/pathways';
import { AccessLogReadModel, TimelineReadModel } from '@relais/read-models';
import { Authenticated } from '../auth/access.decorators.js';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import { type Connection, toConnection } from '../graphql/connection.js';
import { TimelineArgs } from './dto/history.inputs.js';
import { AccessLogArgs, AddNoteInput, EditNoteInput } from './dto/note.inputs.js';
import {
  AccessLogConnection,
  AccessLogEntry,
  Note,
  NoteRevision,
  TimelineEvent,
  TimelineEventConnection,
} from './note.models.js';
import { Person } from './person.models.js';
import { timelineNamesAsked } from './timeline-names.js';

/** Writing and editing notes; who read a file. */
@Resolver()
export class NoteResolver {
  constructor(
    private readonly notes: NoteService,
    private readonly accessLogs: AccessLogReadModel,
  ) {}

  @Authenticated()
  @Mutation(() => Note, {
    description:
      'Writes a note in a file whose team you are in. Its body never reaches the timeline.',
  })
  addNote(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: AddNoteInput,
  ): Promise<Note> {
    return this.notes.addNote(
      principal,
      input.personId,
      input.body,
      input.visibility,
      input.sensitive,
    );
  }

  @Authenticated()
  @Mutation(() => Note, {
    description:
      'Edits your note within 24 hours of writing it; the previous version stays in its history.',
  })
  editNote(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: EditNoteInput,
  ): Promise<Note> {
    return this.notes.editNote(principal, input.noteId, input.version, input);
  }

  @Authenticated()
  @Query(() => AccessLogConnection, {
    description:
      'Who read a person’s file, newest first: for the person’s referent and the territory admins. Reading it is not logged as a read of the file.',
  })
  async accessLog(
    @CurrentPrincipal() principal: Principal,
    @Args() args: AccessLogArgs,
  ): Promise<Connection<AccessLogEntry>> {
    const page = await this.accessLogs.accessLog(
      viewerScope(principal),
      args.personId,
      args.first,
      args.after,
    );
    return toConnection(
      page,
      (entry) => entry,
      (entry) => entry.cursor,
    );
  }
}

/** The history of a note, for those who read it in full. */
@Authenticated()
@Resolver(() => Note)
export class NoteHistoryResolver {
  constructor(private readonly notes: NoteService) {}

  @ResolveField(() => [NoteRevision], {
    nullable: true,
    description:
      'Previous versions, newest first; null when the note is redacted for you. Versions you would not see are left out.',
  })
  history(@Parent() note: NoteView): Promise<NoteRevision[] | null> {
    return this.notes.history(note);
  }
}

/** The notes and the timeline of a file, with the viewer its query decided. */
@Authenticated()
@Resolver(() => Person)
export class NoteFileResolver {
  constructor(
    private readonly noteService: NoteService,
    private readonly timelines: TimelineReadModel,
  ) {}

  @ResolveField(() => [Note], {
    description:
      'The notes you see by their visibility, newest first; sensitive ones you may not read are redacted.',
  })
  notes(@Parent() person: PersonFileView): Promise<Note[]> {
    return this.noteService.notes(person.scope);
  }

  @ResolveField(() => TimelineEventConnection, {
    description: 'Every change of the file, newest first; only those of `kinds` when given.',
  })
  async timeline(
    @Parent() person: PersonFileView,
    @Args() args: TimelineArgs,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Connection<TimelineEvent>> {
    const page = await this.timelines.timeline(
      person.scope,
      args.first,
      args.after,
      args.kinds ?? [],
      timelineNamesAsked(info),
    );
    return toConnection(
      page,
      (event) => event,
      (event) => event.cursor,
    );
  }
}
