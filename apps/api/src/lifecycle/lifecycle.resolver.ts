import { Args, Mutation, Resolver } from '@nestjs/graphql';
import type { Principal } from '@relais/identity';
import { NotConcernedService } from '@relais/lifecycle';
import { Authenticated } from '../auth/access.decorators.js';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import { PurgePersonNotConcernedInput } from './dto/lifecycle.inputs.js';
import { PurgedPerson } from './lifecycle.models.js';

/** The end of a file's life that a person decides: the purge of someone not concerned. */
@Resolver(() => PurgedPerson)
export class LifecycleResolver {
  constructor(private readonly notConcerned: NotConcernedService) {}

  @Authenticated()
  @Mutation(() => PurgedPerson, {
    description:
      'Purges at once the file of a person found not to be concerned (DOMAIN.md rule 7), with everything that hangs on it: by the referent or an orientation manager of the territory. The admin audit records who and why, naming the person by id only.',
  })
  purgePersonNotConcerned(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: PurgePersonNotConcernedInput,
  ): Promise<PurgedPerson> {
    return this.notConcerned.purge(principal, input.personId, input.reason);
  }
}
