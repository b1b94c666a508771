import { Args, Query, Resolver } from '@nestjs/graphql';
import { viewerScope } from '@relais/access';
import { encodeCursor } from '@relais/core';
import type { Principal } from '@relais/identity';
import { EmailDeliveryLogReadModel, type EmailDeliveryLogEntry } from '@relais/read-models';
import { Policy } from '../auth/access.decorators.js';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import { type Connection, toConnection } from '../graphql/connection.js';
import { EmailDeliveriesArgs } from './dto/email-delivery.args.js';
import { type EmailDelivery, EmailDeliveryConnection } from './email-delivery.models.js';

const deliveryOf = (entry: EmailDeliveryLogEntry): EmailDelivery => ({
  id: entry.id,
  recipient: {
    accountId: entry.accountId,
    givenName: entry.givenName,
    familyName: entry.familyName,
    address: entry.toAddress,
  },
  kind: entry.kind,
  status: entry.status,
  attempts: entry.attempts,
  lastError: entry.lastError,
  createdAt: entry.createdAt,
  sentAt: entry.sentAt,
  nextAttemptAt: entry.nextAttemptAt,
});

/** The admins' email delivery log. The read model checks the place and filters in SQL. */
@Resolver()
export class EmailDeliveryResolver {
  constructor(private readonly log: EmailDeliveryLogReadModel) {}

  @Policy((ability) => ability.can('read', 'Membership'))
  @Query(() => EmailDeliveryConnection, {
    description:
      'Emails to the accounts of a structure or a territory, newest first: sent, waiting, deferred or failed, with the reason; without either, those to the territory admins (platform admins). Structure admins see their professionals’ only. Never the content.',
  })
  async emailDeliveries(
    @CurrentPrincipal() principal: Principal,
    @Args() args: EmailDeliveriesArgs,
  ): Promise<Connection<EmailDelivery>> {
    const page = await this.log.page(viewerScope(principal), args);
    return toConnection(page, deliveryOf, (entry) => encodeCursor(entry.position));
  }
}
