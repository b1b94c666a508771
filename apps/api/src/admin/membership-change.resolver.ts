import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { MembershipChangeService } from '@relais/administration';
import type { AccountPrincipal } from '@relais/identity';
import { Policy } from '../auth/access.decorators.js';
import { CurrentAccount } from '../auth/current-principal.decorator.js';
import { AdminMembership } from './admin.models.js';
import { AddMembershipInput, ChangeMembershipRoleInput } from './dto/membership-change.inputs.js';

/** Roles and memberships of accounts already known, without a new invitation. */
@Resolver()
export class MembershipChangeResolver {
  constructor(private readonly changes: MembershipChangeService) {}

  @Policy((ability) => ability.can('revoke', 'Membership') && ability.can('create', 'Membership'))
  @Mutation(() => AdminMembership, {
    description:
      "Gives an active membership another role at the same place (as the caller may grant it); the account's live connections close and reopen with the new rights.",
  })
  changeMembershipRole(
    @CurrentAccount() principal: AccountPrincipal,
    @Args('input') input: ChangeMembershipRoleInput,
  ): Promise<AdminMembership> {
    return this.changes.changeRole(principal, input.membershipId, input.role);
  }

  @Policy((ability) => ability.can('create', 'Membership'))
  @Mutation(() => AdminMembership, {
    description:
      'Adds a membership (a role at a structure or territory) to an account you administer, without invitation.',
  })
  addMembership(
    @CurrentAccount() principal: AccountPrincipal,
    @Args('input') input: AddMembershipInput,
  ): Promise<AdminMembership> {
    const { accountId, ...target } = input;
    return this.changes.addMembership(principal, accountId, target);
  }
}
