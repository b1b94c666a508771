import { Args, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { AccountPrincipal, PersonPrincipal } from '@relais/identity';
import type { PersonFileView } from '@relais/pathways';
import { RightsRequestService } from '@relais/person-space';
import { Authenticated, PersonSelf } from '../auth/access.decorators.js';
import { CurrentAccount, CurrentPerson } from '../auth/current-principal.decorator.js';
import { Person } from '../pathways/person.models.js';
import { AnswerRightsRequestInput, RequestRightInput } from './dto/rights-request.inputs.js';
import { RightsRequest } from './rights-request.models.js';

/**
 * The person's RGPD requests from their space (issue 22): the person asks and follows them; their
 * team reads them on the file and answers.
 */
@Resolver()
export class RightsRequestsResolver {
  constructor(private readonly requests: RightsRequestService) {}

  @PersonSelf()
  @Query(() => [RightsRequest], {
    description:
      'The signed-in person’s requests about their rights, newest first (a person session only; logged SELF).',
  })
  myRightsRequests(@CurrentPerson() principal: PersonPrincipal): Promise<RightsRequest[]> {
    return this.requests.mine(principal);
  }

  @PersonSelf()
  @Mutation(() => RightsRequest, {
    description:
      'The signed-in person asks for a rectification, an objection or a restriction; their referent answers within a month. One pending request per kind (RIGHTS_REQUEST_PENDING).',
  })
  requestRight(
    @CurrentPerson() principal: PersonPrincipal,
    @Args('input') input: RequestRightInput,
  ): Promise<RightsRequest> {
    return this.requests.request(principal, input.kind, input.details);
  }

  @Authenticated()
  @Mutation(() => RightsRequest, {
    description:
      'Answers a person’s request (the referent, or a team member who may write the file), once (RIGHTS_REQUEST_ALREADY_ANSWERED). Accepting an objection or a restriction sets the file’s flag (the referent’s).',
  })
  answerRightsRequest(
    @CurrentAccount() principal: AccountPrincipal,
    @Args('input') input: AnswerRightsRequestInput,
  ): Promise<RightsRequest> {
    return this.requests.answer(principal, input.requestId, input.accept, input.answer);
  }
}

/** The file's rights requests, for its team members. */
@Authenticated()
@Resolver(() => Person)
export class PersonRightsRequestsResolver {
  constructor(private readonly requests: RightsRequestService) {}

  @ResolveField(() => [RightsRequest], {
    description: 'The person’s requests about their rights, newest first (team members only).',
  })
  rightsRequests(@Parent() person: PersonFileView): Promise<RightsRequest[]> {
    return this.requests.ofFile(person.scope);
  }
}
