import { Args, ArgsType, Field, Mutation, Query, Resolver } from '@nestjs/graphql';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { type AccountEntity, AccountProfileService, type AccountPrincipal } from '@relais/identity';
import { Authenticated } from '../auth/access.decorators.js';
import { CurrentAccount } from '../auth/current-principal.decorator.js';
import { Account } from './account.model.js';

@ArgsType()
export class SetMyWorkPhoneArgs {
  @Field(() => String, {
    nullable: true,
    description: 'French number, e.g. 01 23 45 67 89; null or blank clears it.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  workPhone?: string | null;
}

function accountOf(account: AccountEntity): Account {
  return {
    id: account.id,
    email: account.email,
    givenName: account.givenName,
    familyName: account.familyName,
    status: account.status,
    workPhone: account.workPhone,
    memberships: (account.memberships ?? []).map((membership) => ({
      id: membership.id,
      role: membership.role,
      createdAt: membership.createdAt,
      structure: membership.structure ?? null,
      territory: membership.territory ?? null,
    })),
  };
}

@Resolver(() => Account)
export class MeResolver {
  constructor(private readonly profiles: AccountProfileService) {}

  @Authenticated()
  @Query(() => Account, { description: 'The signed-in account and its active memberships.' })
  async me(@CurrentAccount() principal: AccountPrincipal): Promise<Account> {
    return accountOf(await this.profiles.profileOf(principal));
  }

  @Authenticated()
  @Mutation(() => Account, {
    description:
      'Sets your own work phone, shown with your work email in the teams of the files you follow.',
  })
  async setMyWorkPhone(
    @CurrentAccount() principal: AccountPrincipal,
    @Args() args: SetMyWorkPhoneArgs,
  ): Promise<Account> {
    return accountOf(await this.profiles.setWorkPhone(principal, args.workPhone ?? null));
  }
}
