import { Args, Query, Resolver } from '@nestjs/graphql';
import type { PersonPrincipal } from '@relais/identity';
import { MySpaceReadsService } from '@relais/person-space';
import { PersonSelf } from '../auth/access.decorators.js';
import { CurrentPerson } from '../auth/current-principal.decorator.js';
import { PageArgs } from '../pathways/dto/person.inputs.js';
import { SpaceFileReadPage } from './person-space.models.js';

/** "Who read my file" in the person's space (issue 22). */
@Resolver()
export class MySpaceReadsResolver {
  constructor(private readonly reads: MySpaceReadsService) {}

  @PersonSelf()
  @Query(() => SpaceFileReadPage, {
    description:
      'Who read, changed or exported the signed-in person’s file, newest first (a person session only): professionals with their structure, partner systems by name; never their own reads or answers. Logged as a read with the ground SELF.',
  })
  myFileReads(
    @CurrentPerson() principal: PersonPrincipal,
    @Args() args: PageArgs,
  ): Promise<SpaceFileReadPage> {
    return this.reads.myFileReads(principal, args.first, args.after);
  }
}
