import { Args, Mutation, ResolveField, Resolver } from '@nestjs/graphql';
import type { PersonPrincipal } from '@relais/identity';
import { MyAppointmentsService } from '@relais/person-space';
import { PersonSelf } from '../auth/access.decorators.js';
import { CurrentPerson } from '../auth/current-principal.decorator.js';
import { MySpace } from './person-space.models.js';
import { AnswerAppointmentInput, SpaceAppointment } from './space-appointment.models.js';

/** The person's appointments in their space, and their answers (issue 22). */
@Resolver(() => MySpace)
export class MyAppointmentsResolver {
  constructor(private readonly appointments: MyAppointmentsService) {}

  @PersonSelf()
  @ResolveField(() => [SpaceAppointment], {
    description:
      'Appointments starting now or later, cancelled ones included (shown as such), the soonest first.',
  })
  upcomingAppointments(@CurrentPerson() principal: PersonPrincipal): Promise<SpaceAppointment[]> {
    return this.appointments.upcoming(principal);
  }

  @PersonSelf()
  @ResolveField(() => [SpaceAppointment], {
    description: 'Appointments begun or over, the most recent first, at most 20.',
  })
  pastAppointments(@CurrentPerson() principal: PersonPrincipal): Promise<SpaceAppointment[]> {
    return this.appointments.past(principal);
  }

  @PersonSelf()
  @Mutation(() => SpaceAppointment, {
    description:
      'The signed-in person says whether they will come (a person session only); a new answer replaces the last, and their referent is told. Their own appointment only (FORBIDDEN, NOT_OF_PERSON), not begun (CONFLICT, APPOINTMENT_PAST) nor cancelled (CONFLICT, APPOINTMENT_CANCELLED), in a file neither archived (CONFLICT, FILE_ARCHIVED) nor restricted (FORBIDDEN, PROCESSING_RESTRICTED).',
  })
  answerAppointment(
    @CurrentPerson() principal: PersonPrincipal,
    @Args('input') input: AnswerAppointmentInput,
  ): Promise<SpaceAppointment> {
    return this.appointments.answer(principal, input.appointmentId, input.presence);
  }
}
