import { Module } from '@nestjs/common';
import { AdministrationModule } from '@relais/administration';
import { AdminResolver } from './admin.resolver.js';

@Module({ imports: [AdministrationModule], providers: [AdminResolver] })
export class AdminApiModule {}
