import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { viewerScope } from '@relais/access';
import { OrientationService, type OrientationRequestView } from '@relais/handovers';
import type { Principal } from '@relais/identity';
import { OrientationRequestListReadModel } from '@relais/read-models';
import { Authenticated } from '../auth/access.decorators.js';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import { type Connection, toConnection } from '../graphql/connection.js';
import {
  DecideOrientationInput,
  OrientationRequestsArgs,
  RequestOrientationInput,
} from './dto/handover.inputs.js';
import { OrientationRequest, OrientationRequestConnection } from './handover.models.js';

/** Demandes de (ré)orientation: asked by the referent, decided by an orientation manager. */
@Resolver(() => OrientationRequest)
export class OrientationResolver {
  constructor(
    private readonly orientations: OrientationService,
    private readonly views: OrientationRequestListReadModel,
  ) {}

  @Authenticated()
  @Query(() => OrientationRequestConnection, {
    description: 'Requests of the territories you are orientation manager of, oldest first.',
  })
  async orientationRequests(
    @CurrentPrincipal() principal: Principal,
    @Args() args: OrientationRequestsArgs,
  ): Promise<Connection<OrientationRequest>> {
    const page = await this.views.list(viewerScope(principal), args.status, args.first, args.after);
    return toConnection(
      page,
      (request: OrientationRequestView) => request,
      (request) => request.cursor,
    );
  }

  @Authenticated()
  @Mutation(() => OrientationRequest, {
    description:
      'Asks for a (re)orientation, with a reason: by the referent. One pending per person.',
  })
  async requestOrientation(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: RequestOrientationInput,
  ): Promise<OrientationRequest> {
    const id = await this.orientations.request(
      principal,
      input.personId,
      input.orientationType,
      input.reason,
    );
    return this.views.changedBy(viewerScope(principal), id);
  }

  @Authenticated()
  @Mutation(() => OrientationRequest, {
    description:
      'Decides a request: by an orientation manager of the territory. Accepting names the target structure (and optionally the referent) and proposes the handover; denying needs a reason.',
  })
  async decideOrientation(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: DecideOrientationInput,
  ): Promise<OrientationRequest> {
    const id = await this.orientations.decide(principal, input.requestId, input);
    return this.views.changedBy(viewerScope(principal), id);
  }
}
