import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { ApiClientAdminService } from '@relais/administration';
import type { AccountPrincipal } from '@relais/identity';
import { Policy } from '../auth/access.decorators.js';
import { CurrentAccount } from '../auth/current-principal.decorator.js';
import { ApiClient, ApiClientCredentials, CreateApiClientInput } from './api-client.models.js';
import { IdArgs, TerritoryIdArgs } from './dto/admin.inputs.js';

/** Partner API clients of a territory, managed by its territory admins. */
@Resolver(() => ApiClient)
export class ApiClientResolver {
  constructor(private readonly clients: ApiClientAdminService) {}

  @Policy((ability) => ability.can('read', 'ApiClient'))
  @Query(() => [ApiClient], { description: 'The API clients of a territory, oldest first.' })
  apiClients(
    @CurrentAccount() principal: AccountPrincipal,
    @Args() args: TerritoryIdArgs,
  ): Promise<ApiClient[]> {
    return this.clients.list(principal, args.territoryId);
  }

  @Policy((ability) => ability.can('create', 'ApiClient'))
  @Mutation(() => ApiClientCredentials, {
    description: 'Creates a client; its secret is shown this once.',
  })
  createApiClient(
    @CurrentAccount() principal: AccountPrincipal,
    @Args('input') input: CreateApiClientInput,
  ): Promise<ApiClientCredentials> {
    return this.clients.create(principal, input);
  }

  @Policy((ability) => ability.can('update', 'ApiClient'))
  @Mutation(() => ApiClientCredentials, {
    description: 'A new secret, shown this once; the old one and its tokens stop working.',
  })
  rotateApiClientSecret(
    @CurrentAccount() principal: AccountPrincipal,
    @Args() args: IdArgs,
  ): Promise<ApiClientCredentials> {
    return this.clients.rotate(principal, args.id);
  }

  @Policy((ability) => ability.can('revoke', 'ApiClient'))
  @Mutation(() => ApiClient, { description: 'Refuses the client at once: tokens and connections.' })
  revokeApiClient(
    @CurrentAccount() principal: AccountPrincipal,
    @Args() args: IdArgs,
  ): Promise<ApiClient> {
    return this.clients.revoke(principal, args.id);
  }
}
