import { Query, Resolver } from '@nestjs/graphql';
import { viewerScope } from '@relais/access';
import type { AccountPrincipal } from '@relais/identity';
import { WorkQueueReadModel } from '@relais/read-models';
import { Authenticated } from '../auth/access.decorators.js';
import { CurrentAccount } from '../auth/current-principal.decorator.js';
import { WorkQueue } from './home.models.js';

/** The home, "À traiter": what waits on the signed-in account, and the navigation's counts. */
@Resolver(() => WorkQueue)
export class HomeResolver {
  constructor(private readonly workQueue: WorkQueueReadModel) {}

  @Authenticated()
  @Query(() => WorkQueue, {
    description:
      'What waits on you, section by section, with counts: one SQL statement. Accounts only.',
  })
  async myWork(@CurrentAccount() viewer: AccountPrincipal): Promise<WorkQueue> {
    const { sections, unreadNotificationCount } = await this.workQueue.forViewer(
      viewerScope(viewer),
    );
    return {
      ...sections,
      unreadNotificationCount,
    } as WorkQueue;
  }
}
