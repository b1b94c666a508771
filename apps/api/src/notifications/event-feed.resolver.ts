import { Args, Query, Resolver, Subscription } from '@nestjs/graphql';
import { viewerScope } from '@relais/access';
import type { Principal } from '@relais/identity';
import { EventFeedService, type PartnerEventView } from '@relais/notifications';
import { PartnerFeedReadModel } from '@relais/read-models';
import { Authenticated } from '../auth/access.decorators.js';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import { type Connection, toConnection } from '../graphql/connection.js';
import { EventStreamArgs, EventsArgs } from './dto/notification.args.js';
import { PartnerEvent, PartnerEventConnection } from './notification.models.js';

/**
 * The partner systems' event feed (API clients with `events:read`): their territory's or
 * structure's events within their scopes. Accounts are refused: they have their inbox.
 */
@Resolver(() => PartnerEvent)
export class EventFeedResolver {
  constructor(
    private readonly feed: EventFeedService,
    private readonly partnerFeed: PartnerFeedReadModel,
  ) {}

  @Authenticated()
  @Query(() => PartnerEventConnection, {
    description: 'Events after a position, oldest first: to reconcile after being away.',
  })
  async events(
    @CurrentPrincipal() principal: Principal,
    @Args() args: EventsArgs,
  ): Promise<Connection<PartnerEvent>> {
    const page = await this.feed.page(
      principal,
      args,
      this.partnerFeed.reader(viewerScope(principal)),
    );
    return toConnection(
      page,
      (event) => ({ ...event, structureIds: [...event.structureIds] }),
      (event) => event.position,
    );
  }

  @Authenticated()
  @Subscription(() => PartnerEvent, {
    name: 'events',
    description:
      'Replays the events after `after`, then streams each one as it happens, without gap or duplicate.',
    resolve: (event: PartnerEventView) => event,
  })
  eventStream(
    @CurrentPrincipal() principal: Principal,
    @Args() args: EventStreamArgs,
  ): AsyncIterableIterator<PartnerEventView> {
    return this.feed.stream(principal, args, this.partnerFeed.reader(viewerScope(principal)));
  }
}
