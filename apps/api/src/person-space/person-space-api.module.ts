import { Module } from '@nestjs/common';
import { IdentityModule } from '@relais/identity';
import { PersonSpaceModule } from '@relais/person-space';
import { PersonSignInController } from './person-sign-in.controller.js';
import { PersonSpaceResolver } from './person-space.resolver.js';

/** The person's personal space over GraphQL (team and person) and REST (the person's sign-in). */
@Module({
  imports: [PersonSpaceModule, IdentityModule],
  controllers: [PersonSignInController],
  providers: [PersonSpaceResolver],
})
export class PersonSpaceApiModule {}
