import { Module } from '@nestjs/common';
import { AppConfigModule, LoggerModule, MetricsRegistryModule } from '@relais/core';
import { DatabaseModule } from '@relais/database';
import { AdminApiModule } from './admin/admin-api.module.js';
import { DirectoryApiModule } from './admin/directory-api.module.js';
import { EmailDeliveryApiModule } from './admin/email-delivery-api.module.js';
import { DevMailApiModule } from './dev-mail/dev-mail-api.module.js';
import { EmailApiModule } from './email/email-api.module.js';
import { ApiInfoModule } from './api-info/api-info.module.js';
import { AuthModule } from './auth/auth.module.js';
import { entities } from './database/entities.js';
import { ApiGraphqlModule } from './graphql/api-graphql.module.js';
import { HandoversApiModule } from './handovers/handovers-api.module.js';
import { HealthModule } from './health/health.module.js';
import { HomeApiModule } from './home/home-api.module.js';
import { LegalModule } from './legal/legal.module.js';
import { IdentityApiModule } from './identity/identity-api.module.js';
import { ImportsApiModule } from './imports/imports-api.module.js';
import { ApiJobsModule } from './jobs/jobs-starter.js';
import { LifecycleApiModule } from './lifecycle/lifecycle-api.module.js';
import { NotificationsApiModule } from './notifications/notifications-api.module.js';
import { ObservabilityModule } from './observability/observability.module.js';
import { PathwaysApiModule } from './pathways/pathways-api.module.js';
import { PersonSpaceApiModule } from './person-space/person-space-api.module.js';
import { RealtimeModule } from './realtime/realtime.module.js';
import { SecurityModule } from './security/security.module.js';
import { WebhooksApiModule } from './webhooks/webhooks-api.module.js';

@Module({
  imports: [
    AppConfigModule,
    LoggerModule,
    MetricsRegistryModule,
    ObservabilityModule,
    DatabaseModule.forRoot(entities),
    ApiGraphqlModule,
    HealthModule,
    RealtimeModule,
    SecurityModule,
    ApiInfoModule,
    LegalModule,
    AuthModule,
    IdentityApiModule,
    AdminApiModule,
    DirectoryApiModule,
    EmailDeliveryApiModule,
    PathwaysApiModule,
    PersonSpaceApiModule,
    NotificationsApiModule,
    EmailApiModule,
    WebhooksApiModule,
    HandoversApiModule,
    HomeApiModule,
    LifecycleApiModule,
    ApiJobsModule,
    ImportsApiModule,
    DevMailApiModule,
  ],
})
export class AppModule {}
