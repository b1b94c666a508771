import { Query, Resolver } from '@nestjs/graphql';
import { AccountProfileService, type AccountPrincipal } from '@relais/identity';
import { Authenticated } from '../auth/access.decorators.js';
import { CurrentAccount } from '../auth/current-principal.decorator.js';
import { Account } from './account.model.js';

@Resolver(() => Account)
export class MeResolver {
  constructor(private readonly profiles: AccountProfileService) {}

  @Authenticated()
  @Query(() => Account, { description: 'The signed-in account and its active memberships.' })
  async me(@CurrentAccount() principal: AccountPrincipal): Promise<Account> {
    const account = await this.profiles.profileOf(principal);
    return {
      id: account.id,
      email: account.email,
      givenName: account.givenName,
      familyName: account.familyName,
      status: account.status,
      memberships: (account.memberships ?? []).map((membership) => ({
        id: membership.id,
        role: membership.role,
        createdAt: membership.createdAt,
        structure: membership.structure ?? null,
        territory: membership.territory ?? null,
      })),
    };
  }
}
