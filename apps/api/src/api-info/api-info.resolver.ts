import { Query, Resolver } from '@nestjs/graphql';
import { Public } from '../auth/access.decorators.js';
import { relaisVersion } from '../package-info.js';
import { ApiInfo } from './api-info.model.js';

@Resolver(() => ApiInfo)
export class ApiInfoResolver {
  // Public: it tells nothing about any person or account.
  @Public()
  @Query(() => ApiInfo, { description: 'The server name, version and time. Needs no sign-in.' })
  apiInfo(): ApiInfo {
    return { name: 'Relais', version: relaisVersion, serverTime: new Date() };
  }
}
