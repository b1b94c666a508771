import { Module } from '@nestjs/common';
import { JobsModule } from '@relais/core';
import { IdentityModule } from '@relais/identity';
import { EmailModule } from '@relais/notifications';
import { ReadModelsModule } from '@relais/read-models';
import { DailyDigestService } from './daily-digest.service.js';
import { EmailPreferencesResolver } from './email-preferences.resolver.js';
import { EmailPreferencesService } from './email-preferences.service.js';
import { UnsubscribeController } from './unsubscribe.controller.js';

/**
 * Email preferences (the GraphQL query and mutation, the one-click unsubscribe endpoint) and the
 * daily digest job, which reads across libs (a read model) to compose.
 */
@Module({
  imports: [EmailModule, IdentityModule, JobsModule, ReadModelsModule],
  providers: [EmailPreferencesService, EmailPreferencesResolver, DailyDigestService],
  controllers: [UnsubscribeController],
  exports: [DailyDigestService],
})
export class EmailApiModule {}
