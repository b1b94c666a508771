import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import {
  AdminAuditLogService,
  MembershipAdminService,
  StructureAdminService,
  TerritoryAdminService,
} from '@relais/administration';
import { encodeCursor } from '@relais/core';
import { AccountStatus, type AccountPrincipal, type Principal } from '@relais/identity';
import { Authenticated, Policy } from '../auth/access.decorators.js';
import { CurrentAccount, CurrentPrincipal } from '../auth/current-principal.decorator.js';
import { type Connection, toConnection } from '../graphql/connection.js';
import {
  AdminAccount,
  AdminAuditEvent,
  AdminAuditEventConnection,
  AdminMembership,
  Invitation,
} from './admin.models.js';
import { Structure, Territory } from '../organizations/organization.models.js';
import {
  CreateStructureInput,
  CreateTerritoryInput,
  IdArgs,
  InviteAccountInput,
  TerritoryIdArgs,
  UpdateStructureInput,
} from './dto/admin.inputs.js';
import { PlacePageArgs } from './dto/directory.args.js';

/** Territories, structures, memberships and the admin audit log. Records are checked by the services. */
@Resolver()
export class AdminResolver {
  constructor(
    private readonly territoryAdmin: TerritoryAdminService,
    private readonly structureAdmin: StructureAdminService,
    private readonly memberships: MembershipAdminService,
    private readonly auditLog: AdminAuditLogService,
  ) {}

  @Authenticated()
  @Query(() => [Territory], {
    description: 'The territories of your memberships (all, for a platform admin).',
  })
  territories(@CurrentAccount() principal: AccountPrincipal): Promise<Territory[]> {
    return this.territoryAdmin.list(principal);
  }

  @Authenticated()
  @Query(() => [Structure], { description: 'The structures of one of your territories, by name.' })
  structures(
    @CurrentPrincipal() principal: Principal,
    @Args() args: TerritoryIdArgs,
  ): Promise<Structure[]> {
    return this.structureAdmin.list(principal, args.territoryId);
  }

  @Policy((ability) => ability.can('read', 'AdminAuditEvent'))
  @Query(() => AdminAuditEventConnection, {
    description:
      'Admin changes of a territory or a structure, newest first (platform changes without either).',
  })
  async adminAuditLog(
    @CurrentAccount() principal: AccountPrincipal,
    @Args() args: PlacePageArgs,
  ): Promise<Connection<AdminAuditEvent>> {
    const page = await this.auditLog.page(principal, args, args.first, args.after);
    return toConnection(
      page,
      (event) => event,
      (event) => encodeCursor([event.id]),
    );
  }

  @Policy((ability) => ability.can('create', 'Territory'))
  @Mutation(() => Territory, {
    description: 'Opens a territory and invites its first territory admin.',
  })
  createTerritory(
    @CurrentAccount() principal: AccountPrincipal,
    @Args('input') input: CreateTerritoryInput,
  ): Promise<Territory> {
    return this.territoryAdmin.create(principal, input.code, input.name, input.firstAdmin);
  }

  @Policy((ability) => ability.can('create', 'Structure'))
  @Mutation(() => Structure)
  createStructure(
    @CurrentAccount() principal: AccountPrincipal,
    @Args('input') input: CreateStructureInput,
  ): Promise<Structure> {
    const { territoryId, ...fields } = input;
    return this.structureAdmin.create(principal, territoryId, fields);
  }

  @Policy((ability) => ability.can('update', 'Structure'))
  @Mutation(() => Structure)
  updateStructure(
    @CurrentAccount() principal: AccountPrincipal,
    @Args('input') input: UpdateStructureInput,
  ): Promise<Structure> {
    const { id, ...changes } = input;
    return this.structureAdmin.update(principal, id, changes);
  }

  @Policy((ability) => ability.can('create', 'Membership'))
  @Mutation(() => Invitation, {
    description: 'Invites someone into a role (finding their account by email, or creating it).',
  })
  async inviteAccount(
    @CurrentAccount() principal: AccountPrincipal,
    @Args('input') input: InviteAccountInput,
  ): Promise<Invitation> {
    const invited = await this.memberships.invite(principal, input.invitee, input);
    return {
      id: invited.invitation.id,
      accountId: invited.account.id,
      email: invited.account.email,
      membership: invited.membership,
      createdAt: invited.invitation.createdAt,
    };
  }

  @Policy((ability) => ability.can('create', 'Membership'))
  @Mutation(() => Int, {
    description:
      'Sends the invitation email again (refused once the invitee signed in or the membership was revoked); gives the number of this send.',
  })
  resendInvitation(
    @CurrentAccount() principal: AccountPrincipal,
    @Args('invitationId', { type: () => ID }) invitationId: string,
  ): Promise<number> {
    return this.memberships.resendInvitation(principal, invitationId);
  }

  @Policy((ability) => ability.can('revoke', 'Membership'))
  @Mutation(() => AdminMembership, {
    description: "Ends a membership; the account's live connections close.",
  })
  revokeMembership(
    @CurrentAccount() principal: AccountPrincipal,
    @Args() args: IdArgs,
  ): Promise<AdminMembership> {
    return this.memberships.revoke(principal, args.id);
  }

  @Policy((ability) => ability.can('revoke', 'Membership'))
  @Mutation(() => AdminAccount, {
    description: 'Refuses the account at once: tokens, sockets and subscriptions.',
  })
  disableAccount(
    @CurrentAccount() principal: AccountPrincipal,
    @Args() args: IdArgs,
  ): Promise<AdminAccount> {
    return this.memberships.setStatus(principal, args.id, AccountStatus.DISABLED);
  }

  @Policy((ability) => ability.can('revoke', 'Membership'))
  @Mutation(() => AdminAccount)
  enableAccount(
    @CurrentAccount() principal: AccountPrincipal,
    @Args() args: IdArgs,
  ): Promise<AdminAccount> {
    return this.memberships.setStatus(principal, args.id, AccountStatus.ACTIVE);
  }
}
