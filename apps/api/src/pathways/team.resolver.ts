import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { viewerScope } from '@relais/access';
import type { Principal } from '@relais/identity';
import { TeamService } from '@relais/pathways';
import { JoinRequestReadModel } from '@relais/read-models';
import { Authenticated } from '../auth/access.decorators.js';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import { type Connection, toConnection } from '../graphql/connection.js';
import {
  DecideJoinRequestInput,
  LeaveTeamInput,
  PageArgs,
  RequestToJoinTeamInput,
} from './dto/person.inputs.js';
import { JoinRequest, JoinRequestConnection } from './person.models.js';

/** Joining and leaving teams. */
@Resolver()
export class TeamResolver {
  constructor(
    private readonly teams: TeamService,
    private readonly requests: JoinRequestReadModel,
  ) {}

  @Authenticated()
  @Query(() => JoinRequestConnection, {
    description:
      'Pending requests you may decide: as referent, as admin of the referent’s structure, or as orientation manager. Oldest first.',
  })
  async joinRequestsToDecide(
    @CurrentPrincipal() principal: Principal,
    @Args() args: PageArgs,
  ): Promise<Connection<JoinRequest>> {
    const page = await this.requests.toDecide(viewerScope(principal), args.first, args.after);
    return toConnection(
      page,
      (request) => request,
      (request) => request.cursor,
    );
  }

  @Authenticated()
  @Mutation(() => JoinRequest, {
    description: 'Asks to join the team of a person found in search, with a reason.',
  })
  async requestToJoinTeam(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: RequestToJoinTeamInput,
  ): Promise<JoinRequest> {
    const id = await this.teams.requestToJoin(
      principal,
      input.personId,
      input.reason,
      input.structureId,
    );
    return this.requests.byId(viewerScope(principal), id);
  }

  @Authenticated()
  @Mutation(() => JoinRequest)
  async decideJoinRequest(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: DecideJoinRequestInput,
  ): Promise<JoinRequest> {
    const id = await this.teams.decide(principal, input.requestId, input);
    return this.requests.byId(viewerScope(principal), id);
  }

  @Authenticated()
  @Mutation(() => JoinRequest, { description: 'Withdraws your pending request.' })
  async cancelJoinRequest(
    @CurrentPrincipal() principal: Principal,
    @Args('requestId', { type: () => String }) requestId: string,
  ): Promise<JoinRequest> {
    const id = await this.teams.cancelRequest(principal, requestId);
    return this.requests.byId(viewerScope(principal), id);
  }

  @Authenticated()
  @Mutation(() => Boolean, {
    description: 'Leaves a team. The referent hands the person over instead.',
  })
  async leaveTeam(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: LeaveTeamInput,
  ): Promise<boolean> {
    await this.teams.leave(principal, input.personId, input.comment);
    return true;
  }
}
