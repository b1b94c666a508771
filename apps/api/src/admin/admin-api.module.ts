import { Module } from '@nestjs/common';
import { AdministrationModule } from '@relais/administration';
import { AdminResolver } from './admin.resolver.js';
import { ApiClientResolver } from './api-client.resolver.js';

@Module({ imports: [AdministrationModule], providers: [AdminResolver, ApiClientResolver] })
export class AdminApiModule {}
