import { Args, Info, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { viewerScope } from '@relais/access';
import { DomainError, DomainErrorReason } from '@relais/core';
import type { Principal } from '@relais/identity';
import { PersonService, type PersonFileView, type PersonSummaryView } from '@relais/pathways';
import {
  JoinRequestReadModel,
  OpenHandoverReadModel,
  PersonSummaryReadModel,
  SearchReadModel,
  TeamReadModel,
} from '@relais/read-models';
import { Authenticated } from '../auth/access.decorators.js';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import { type Connection, toConnection } from '../graphql/connection.js';
import {
  CreatePersonInput,
  PersonIdArgs,
  SearchPeopleArgs,
  SetOrientationInput,
  SetProcessingLimitsInput,
  TeamArgs,
  UpdatePersonInput,
  UpdateProfessionalProjectInput,
} from './dto/person.inputs.js';
import {
  CreatePersonPayload,
  JoinRequest,
  OpenHandover,
  Person,
  PersonSummary,
  PersonSummaryConnection,
  ProfessionalProject,
  TeamMember,
} from './person.models.js';
import { PersonFilePrefetch } from './person-file.prefetch.js';

/** People: open a file, the caseload, search, create and change the person's own fields. */
@Resolver(() => Person)
export class PersonResolver {
  constructor(
    private readonly people: PersonService,
    private readonly searches: SearchReadModel,
    private readonly summaries: PersonSummaryReadModel,
    private readonly prefetch: PersonFilePrefetch,
  ) {}

  /**
   * A likely duplicate is a CONFLICT naming the person already there: the service gives the id,
   * the error shows that person's minimal view, as the caller may see it.
   */
  private async namingDuplicate<T>(principal: Principal, change: Promise<T>): Promise<T> {
    try {
      return await change;
    } catch (error) {
      const existingId = error instanceof DomainError ? error.details?.existingPersonId : undefined;
      if (
        !(error instanceof DomainError) ||
        error.reason !== DomainErrorReason.PossibleDuplicatePerson ||
        typeof existingId !== 'string'
      ) {
        throw error;
      }
      const existingPerson = await this.summaries.summary(viewerScope(principal), existingId);
      throw new DomainError(error.code, error.reason, error.message, {
        details: { existingPerson },
      });
    }
  }

  @Authenticated()
  @Query(() => Person, {
    description:
      'A whole file, if you may open it (team member, former referent for 30 days, orientation manager of the territory, partner in scope). Each read is logged.',
  })
  person(
    @CurrentPrincipal() principal: Principal,
    @Args() args: PersonIdArgs,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Person> {
    // The parts the query asks for are read with the file, in its one statement.
    return this.people.open(principal, args.id, this.prefetch.asksOf(info));
  }

  @Authenticated()
  @Query(() => PersonSummaryConnection, {
    description:
      'People of your territories by name, CAF number or France Travail identifier: the minimal view, and whether you follow them.',
  })
  async searchPeople(
    @CurrentPrincipal() principal: Principal,
    @Args() args: SearchPeopleArgs,
  ): Promise<Connection<PersonSummary>> {
    const page = await this.searches.search(
      viewerScope(principal),
      args.query,
      args.first,
      args.after,
    );
    return toConnection(
      page,
      (summary: PersonSummaryView) => summary,
      (summary) => summary.cursor,
    );
  }

  @Authenticated()
  @Mutation(() => CreatePersonPayload, {
    description:
      'Creates a file. A professional joins its team (referent by default). A likely duplicate in the territory is a CONFLICT naming the existing person.',
  })
  async createPerson(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: CreatePersonInput,
  ): Promise<CreatePersonPayload> {
    const created = await this.namingDuplicate(principal, this.people.create(principal, input));
    const summary = await this.summaries.summary(viewerScope(principal), created.personId);
    return { summary, person: created.file };
  }

  @Authenticated()
  @Mutation(() => Person, { description: 'Identity, contact, identifiers and rights.' })
  updatePerson(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: UpdatePersonInput,
  ): Promise<Person> {
    const { personId, version, ...fields } = input;
    return this.namingDuplicate(
      principal,
      this.people.update(principal, personId, version, fields),
    );
  }

  @Authenticated()
  @Mutation(() => Person)
  updateProfessionalProject(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: UpdateProfessionalProjectInput,
  ): Promise<Person> {
    const { personId, version, ...project } = input;
    return this.people.updateProject(principal, personId, version, project);
  }

  @Authenticated()
  @Mutation(() => Person, {
    description: 'Sets the orientation: for orientation managers of the territory.',
  })
  setOrientation(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: SetOrientationInput,
  ): Promise<Person> {
    return this.people.setOrientation(
      principal,
      input.personId,
      input.version,
      input.orientationType,
      input.structureId,
    );
  }

  @Authenticated()
  @Mutation(() => Person, {
    description: 'RGPD restriction and objection, recorded by the referent.',
  })
  setProcessingLimits(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: SetProcessingLimitsInput,
  ): Promise<Person> {
    return this.people.setProcessingLimits(principal, input.personId, input.version, {
      restricted: input.restricted,
      objection: input.objection,
    });
  }
}

/**
 * The parts of a file, resolved from the file a query opened: the viewer decided there is
 * reused, so each part costs one SQL statement and follows the same redaction rules.
 */
@Authenticated()
@Resolver(() => Person)
export class PersonFileResolver {
  constructor(
    private readonly teams: TeamReadModel,
    private readonly joinRequests: JoinRequestReadModel,
    private readonly openHandovers: OpenHandoverReadModel,
  ) {}

  @ResolveField(() => ProfessionalProject)
  project(@Parent() person: PersonFileView): ProfessionalProject {
    return {
      targetJob: person.targetJob,
      romeCode: person.romeCode,
      mobilityRadiusKm: person.mobilityRadiusKm,
      contractsSought: person.contractsSought,
    };
  }

  @ResolveField(() => [TeamMember], { description: 'Active members first, the referent on top.' })
  team(@Parent() person: PersonFileView, @Args() args: TeamArgs): Promise<TeamMember[]> {
    return this.teams.team(person.scope, args.includeFormer);
  }

  @ResolveField(() => OpenHandover, {
    nullable: true,
    description: 'The handover proposed and not yet answered, if any (none for partner systems).',
  })
  openHandover(@Parent() person: PersonFileView): Promise<OpenHandover | null> {
    return this.openHandovers.openHandover(person.scope);
  }

  @ResolveField(() => [JoinRequest], { description: 'Pending requests to join the team.' })
  pendingJoinRequests(@Parent() person: PersonFileView): Promise<JoinRequest[]> {
    return this.joinRequests.pending(person.scope);
  }
}
