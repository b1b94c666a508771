import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { OrientationService, type OrientationRequestView } from '@relais/handovers';
import type { Principal } from '@relais/identity';
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
  constructor(private readonly orientations: OrientationService) {}

  @Authenticated()
  @Query(() => OrientationRequestConnection, {
    description: 'Requests of the territories you are orientation manager of, oldest first.',
  })
  async orientationRequests(
    @CurrentPrincipal() principal: Principal,
    @Args() args: OrientationRequestsArgs,
  ): Promise<Connection<OrientationRequest>> {
    const page = await this.orientations.list(principal, args.status, args.first, args.after);
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
  requestOrientation(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: RequestOrientationInput,
  ): Promise<OrientationRequest> {
    return this.orientations.request(
      principal,
      input.personId,
      input.orientationType,
      input.reason,
    );
  }

  @Authenticated()
  @Mutation(() => OrientationRequest, {
    description:
      'Decides a request: by an orientation manager of the territory. Accepting names the target structure (and optionally the referent) and proposes the handover; denying needs a reason.',
  })
  decideOrientation(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: DecideOrientationInput,
  ): Promise<OrientationRequest> {
    return this.orientations.decide(principal, input.requestId, input);
  }
}
