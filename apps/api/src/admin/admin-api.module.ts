import { Module } from '@nestjs/common';
import { AdministrationModule } from '@relais/administration';
import { AdminResolver } from './admin.resolver.js';
import { ApiClientResolver } from './api-client.resolver.js';
import { MembershipChangeResolver } from './membership-change.resolver.js';

@Module({
  imports: [AdministrationModule],
  providers: [AdminResolver, ApiClientResolver, MembershipChangeResolver],
})
export class AdminApiModule {}
