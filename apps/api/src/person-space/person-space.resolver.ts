import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { AccountPrincipal, PersonPrincipal } from '@relais/identity';
import { MySpaceService, PersonSpaceService } from '@relais/person-space';
import { Authenticated, PersonSelf } from '../auth/access.decorators.js';
import { CurrentAccount, CurrentPerson } from '../auth/current-principal.decorator.js';
import { InvitePersonToSpaceInput, RevokePersonSpaceArgs } from './dto/person-space.inputs.js';
import { MySpace, PersonSpace } from './person-space.models.js';

/** The person's personal space (issue 22): the team enables and revokes it, the person reads it. */
@Resolver()
export class PersonSpaceResolver {
  constructor(
    private readonly spaces: PersonSpaceService,
    private readonly mySpaces: MySpaceService,
  ) {}

  @Authenticated()
  @Mutation(() => PersonSpace, {
    description:
      'Enables the person’s personal space and emails them a one-time link, valid 7 days (a team member who may write the file; a new invitation replaces earlier links).',
  })
  invitePersonToSpace(
    @CurrentAccount() principal: AccountPrincipal,
    @Args('input') input: InvitePersonToSpaceInput,
  ): Promise<PersonSpace> {
    return this.spaces.invite(principal, input.personId, input.email);
  }

  @Authenticated()
  @Mutation(() => PersonSpace, {
    description:
      'Revokes the person’s personal space: links and codes stop working, the person is signed out at once.',
  })
  revokePersonSpace(
    @CurrentAccount() principal: AccountPrincipal,
    @Args() args: RevokePersonSpaceArgs,
  ): Promise<PersonSpace> {
    return this.spaces.revoke(principal, args.personId);
  }

  @PersonSelf()
  @Query(() => MySpace, {
    description:
      'The signed-in person’s own space (a person session only): who follows them, their plan, their settings. Logged as a read with the ground SELF.',
  })
  mySpace(@CurrentPerson() principal: PersonPrincipal): Promise<MySpace> {
    return this.mySpaces.mySpace(principal);
  }
}
