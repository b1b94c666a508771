import { Module } from '@nestjs/common';
import { ReadModelsModule } from '@relais/read-models';
import { HomeResolver } from './home.resolver.js';

/** The GraphQL face of the home ("À traiter"). */
@Module({
  imports: [ReadModelsModule],
  providers: [HomeResolver],
})
export class HomeApiModule {}
