import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { PersonFileView } from '@relais/pathways';
import { PersonSpaceStatusService } from '@relais/person-space';
import { Authenticated } from '../auth/access.decorators.js';
import { Person } from '../pathways/person.models.js';
import { PersonSpace } from './person-space.models.js';

/** The person's space as their team sees it on the file (issue 22). */
@Authenticated()
@Resolver(() => Person)
export class PersonSpaceStatusResolver {
  constructor(private readonly spaces: PersonSpaceStatusService) {}

  @ResolveField(() => PersonSpace, {
    nullable: true,
    description:
      'The person’s personal space: its address, whether it is enabled and since when; null when never invited. For the file’s team only (FORBIDDEN to other readers).',
  })
  space(@Parent() person: PersonFileView): Promise<PersonSpace | null> {
    return this.spaces.statusOf(person.scope);
  }
}
