import { Args, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { viewerScope } from '@relais/access';
import {
  HandoverAnswerService,
  HandoverPreviewService,
  HandoverProposalService,
  HandoverQueryService,
  type HandoverView,
} from '@relais/handovers';
import type { Principal } from '@relais/identity';
import { HandoverListReadModel } from '@relais/read-models';
import { Authenticated } from '../auth/access.decorators.js';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import { type Connection, toConnection } from '../graphql/connection.js';
import {
  AcceptHandoverInput,
  CancelHandoverInput,
  DeclineHandoverInput,
  HandoverIdArgs,
  HandoverRecipientsArgs,
  HandoversArgs,
  ProposeHandoverInput,
} from './dto/handover.inputs.js';
import { HandoverPreview } from './handover-preview.models.js';
import { AccountRef, Handover, HandoverConnection } from './handover.models.js';

/** Passages de relais: propose, answer, cancel, and the lists of the parties. */
@Resolver(() => Handover)
export class HandoverResolver {
  constructor(
    private readonly proposals: HandoverProposalService,
    private readonly answers: HandoverAnswerService,
    private readonly queries: HandoverQueryService,
    private readonly views: HandoverListReadModel,
    private readonly previews: HandoverPreviewService,
  ) {}

  @Authenticated()
  @ResolveField(() => HandoverPreview, {
    nullable: true,
    description:
      'The parts of the file the proposer chose: for the target structure’s professionals and admins, while the handover is proposed (FORBIDDEN otherwise). Each read is in the access log.',
  })
  preview(
    @CurrentPrincipal() principal: Principal,
    @Parent() handover: Handover,
  ): Promise<HandoverPreview> {
    return this.previews.preview(principal, handover.id) as Promise<HandoverPreview>;
  }

  @Authenticated()
  @Query(() => HandoverConnection, {
    description:
      'Handovers of your structures, newest first: INCOMING (to them; orientation managers see all of their territory) or OUTGOING (from them, or proposed by you).',
  })
  async handovers(
    @CurrentPrincipal() principal: Principal,
    @Args() args: HandoversArgs,
  ): Promise<Connection<Handover>> {
    const page = await this.views.list(
      viewerScope(principal),
      args.direction,
      args.status,
      args.first,
      args.after,
    );
    return toConnection(
      page,
      (handover: HandoverView) => handover,
      (handover) => handover.cursor,
    );
  }

  @Authenticated()
  @Query(() => [AccountRef], {
    description:
      'The professionals of a structure whom a handover may name, or who may become the referent on acceptance, by family name: for the professionals, orientation managers and structure admins of its territory.',
  })
  handoverRecipients(
    @CurrentPrincipal() principal: Principal,
    @Args() args: HandoverRecipientsArgs,
  ): Promise<AccountRef[]> {
    return this.queries.recipients(principal, args.structureId);
  }

  @Authenticated()
  @Query(() => Handover, { description: 'One handover, for its parties.' })
  handover(
    @CurrentPrincipal() principal: Principal,
    @Args() args: HandoverIdArgs,
  ): Promise<Handover> {
    return this.views.forParty(viewerScope(principal), args.id);
  }

  @Authenticated()
  @Mutation(() => Handover, {
    description:
      'Proposes to hand the person over to another structure of the territory: by the referent or an orientation manager. One open handover per person.',
  })
  async proposeHandover(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: ProposeHandoverInput,
  ): Promise<Handover> {
    const id = await this.proposals.propose(principal, input);
    return this.views.changedBy(viewerScope(principal), id);
  }

  @Authenticated()
  @Mutation(() => Handover, {
    description:
      'Accepts, naming the new referent: by an admin of the target structure, the named professional or an orientation manager. Of concurrent answers one wins, the others get CONFLICT.',
  })
  async acceptHandover(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: AcceptHandoverInput,
  ): Promise<Handover> {
    const id = await this.answers.accept(principal, input.handoverId, input);
    return this.views.changedBy(viewerScope(principal), id);
  }

  @Authenticated()
  @Mutation(() => Handover, { description: 'Declines with a reason: by the same deciders.' })
  async declineHandover(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: DeclineHandoverInput,
  ): Promise<Handover> {
    const id = await this.answers.decline(principal, input.handoverId, input.reason);
    return this.views.changedBy(viewerScope(principal), id);
  }

  @Authenticated()
  @Mutation(() => Handover, { description: 'Cancels: by the proposer or the current referent.' })
  async cancelHandover(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: CancelHandoverInput,
  ): Promise<Handover> {
    const id = await this.answers.cancel(principal, input.handoverId);
    return this.views.changedBy(viewerScope(principal), id);
  }
}
