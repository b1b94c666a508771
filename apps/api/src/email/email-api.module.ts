import { Module } from '@nestjs/common';
import { EmailModule } from '@relais/notifications';
import { EmailPreferencesResolver } from './email-preferences.resolver.js';
import { EmailPreferencesService } from './email-preferences.service.js';
import { UnsubscribeController } from './unsubscribe.controller.js';

/** Email preferences: the GraphQL query and mutation, and the one-click unsubscribe endpoint. */
@Module({
  imports: [EmailModule],
  providers: [EmailPreferencesService, EmailPreferencesResolver],
  controllers: [UnsubscribeController],
})
export class EmailApiModule {}
