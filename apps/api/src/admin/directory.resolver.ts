import { Args, Query, Resolver } from '@nestjs/graphql';
import { DirectoryService } from '@relais/administration';
import { encodeCursor } from '@relais/core';
import type { Principal } from '@relais/identity';
import { Policy } from '../auth/access.decorators.js';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import { type Connection, toConnection } from '../graphql/connection.js';
import {
  type AdminInvitation,
  AdminInvitationConnection,
  type MembershipWithAccount,
  MembershipWithAccountConnection,
} from './directory.models.js';
import { PlacePageArgs, MembershipsArgs } from './dto/directory.args.js';

const cursorOf = (row: { position: readonly string[] }) => encodeCursor(row.position);

/** The admins' lists of invitations and memberships. The service checks the place and filters in SQL. */
@Resolver()
export class DirectoryResolver {
  constructor(private readonly directory: DirectoryService) {}

  @Policy((ability) => ability.can('read', 'Membership'))
  @Query(() => AdminInvitationConnection, {
    description:
      'Invitations of a structure or a territory, newest first; without either, the territory admins invited across the platform (platform admins). Structure admins see their professionals only.',
  })
  async invitations(
    @CurrentPrincipal() principal: Principal,
    @Args() args: PlacePageArgs,
  ): Promise<Connection<AdminInvitation>> {
    const page = await this.directory.invitations(principal, args, args.first, args.after);
    return toConnection(page, (row) => row, cursorOf);
  }

  @Policy((ability) => ability.can('read', 'Membership'))
  @Query(() => MembershipWithAccountConnection, {
    description:
      'Memberships of a structure or a territory with their accounts, by family name; without either, the territory admins of every territory (platform admins). Structure admins see their professionals only.',
  })
  async memberships(
    @CurrentPrincipal() principal: Principal,
    @Args() args: MembershipsArgs,
  ): Promise<Connection<MembershipWithAccount>> {
    const page = await this.directory.memberships(principal, args, args);
    return toConnection(page, (row) => row, cursorOf);
  }
}
