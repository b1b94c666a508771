import { Module } from '@nestjs/common';
import { HandoversModule } from '@relais/handovers';
import { ReadModelsModule } from '@relais/read-models';
import { HandoverResolver } from './handover.resolver.js';
import { OrientationResolver } from './orientation.resolver.js';

/** The GraphQL face of orientations and handovers. */
@Module({
  imports: [HandoversModule, ReadModelsModule],
  providers: [HandoverResolver, OrientationResolver],
})
export class HandoversApiModule {}
