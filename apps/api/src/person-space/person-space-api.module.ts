import { Module } from '@nestjs/common';
import { IdentityModule } from '@relais/identity';
import { PathwaysModule } from '@relais/pathways';
import { PersonSpaceModule } from '@relais/person-space';
import { MyAppointmentsResolver } from './my-appointments.resolver.js';
import { FranceConnectController } from './franceconnect.controller.js';
import { MyExportController } from './my-export.controller.js';
import { MySpaceReadsResolver } from './my-space-reads.resolver.js';
import { PersonSignInController } from './person-sign-in.controller.js';
import { PersonSpaceStatusResolver } from './person-space-status.resolver.js';
import { PersonSpaceResolver } from './person-space.resolver.js';
import {
  PersonRightsRequestsResolver,
  RightsRequestsResolver,
} from './rights-requests.resolver.js';

/** The person's personal space over GraphQL (team and person) and REST (the person's sign-in). */
@Module({
  imports: [PersonSpaceModule, IdentityModule, PathwaysModule],
  controllers: [PersonSignInController, FranceConnectController, MyExportController],
  providers: [
    RightsRequestsResolver,
    PersonRightsRequestsResolver,
    PersonSpaceResolver,
    MySpaceReadsResolver,
    PersonSpaceStatusResolver,
    MyAppointmentsResolver,
  ],
})
export class PersonSpaceApiModule {}
