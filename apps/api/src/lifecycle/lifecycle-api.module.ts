import { Module } from '@nestjs/common';
import { LifecycleModule } from '@relais/lifecycle';
import { LifecycleResolver } from './lifecycle.resolver.js';

/** The GraphQL face of retention, and the daily retention job of this instance. */
@Module({
  imports: [LifecycleModule],
  providers: [LifecycleResolver],
})
export class LifecycleApiModule {}
