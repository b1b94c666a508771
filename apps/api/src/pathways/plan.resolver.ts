import { Args, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { Principal } from '@relais/identity';
import {
  AppointmentService,
  ObstacleService,
  type PersonFileView,
  PlanService,
} from '@relais/pathways';
import { Authenticated } from '../auth/access.decorators.js';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import { Appointment, Contract, Goal, Obstacle, PlanAction } from './diagnostic.models.js';
import {
  AddActionInput,
  AddContractInput,
  AddGoalInput,
  AddObstacleInput,
  AppointmentsArgs,
  ScheduleAppointmentInput,
  UpdateActionInput,
  UpdateAppointmentInput,
  UpdateContractInput,
  UpdateGoalInput,
  UpdateObstacleInput,
} from './dto/plan.inputs.js';
import { Person } from './person.models.js';

const CHANGE =
  'For the team of the file. A record of a file you may not change is FORBIDDEN, as is an unknown id; a stale version is a CONFLICT.';

/**
 * Changes to the diagnostic, the plan and the appointments. Each service loads the record,
 * finds its file and checks the caller may change it (and read it, when sensitive).
 */
@Resolver()
export class PlanResolver {
  constructor(
    private readonly obstacles: ObstacleService,
    private readonly plans: PlanService,
    private readonly appointments: AppointmentService,
  ) {}

  @Authenticated()
  @Mutation(() => Obstacle, {
    description: `Adds an obstacle; a theme already there is a CONFLICT. Sensitive themes need the right to read them. ${CHANGE}`,
  })
  addObstacle(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: AddObstacleInput,
  ): Promise<Obstacle> {
    return this.obstacles.add(principal, input);
  }

  @Authenticated()
  @Mutation(() => Obstacle, {
    description: `A sensitive obstacle you may not read, you may not change. ${CHANGE}`,
  })
  updateObstacle(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: UpdateObstacleInput,
  ): Promise<Obstacle> {
    const { obstacleId, version, ...changes } = input;
    return this.obstacles.update(principal, obstacleId, version, changes);
  }

  @Authenticated()
  @Mutation(() => Contract, { description: CHANGE })
  addContract(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: AddContractInput,
  ): Promise<Contract> {
    return this.plans.addContract(principal, input);
  }

  @Authenticated()
  @Mutation(() => Contract, { description: CHANGE })
  updateContract(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: UpdateContractInput,
  ): Promise<Contract> {
    const { contractId, version, ...changes } = input;
    return this.plans.updateContract(principal, contractId, version, changes);
  }

  @Authenticated()
  @Mutation(() => Goal, { description: CHANGE })
  addGoal(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: AddGoalInput,
  ): Promise<Goal> {
    return this.plans.addGoal(principal, input);
  }

  @Authenticated()
  @Mutation(() => Goal, { description: CHANGE })
  updateGoal(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: UpdateGoalInput,
  ): Promise<Goal> {
    const { goalId, version, ...changes } = input;
    return this.plans.updateGoal(principal, goalId, version, changes);
  }

  @Authenticated()
  @Mutation(() => PlanAction, {
    description: `An action linked to a sensitive obstacle is sensitive: only those who read the obstacle may plan or change it. ${CHANGE}`,
  })
  addAction(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: AddActionInput,
  ): Promise<PlanAction> {
    return this.plans.addAction(principal, input);
  }

  @Authenticated()
  @Mutation(() => PlanAction, { description: CHANGE })
  updateAction(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: UpdateActionInput,
  ): Promise<PlanAction> {
    const { actionId, version, ...changes } = input;
    return this.plans.updateAction(principal, actionId, version, changes);
  }

  @Authenticated()
  @Mutation(() => Appointment, { description: CHANGE })
  scheduleAppointment(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: ScheduleAppointmentInput,
  ): Promise<Appointment> {
    return this.appointments.schedule(principal, input);
  }

  @Authenticated()
  @Mutation(() => Appointment, { description: CHANGE })
  updateAppointment(
    @CurrentPrincipal() principal: Principal,
    @Args('input') input: UpdateAppointmentInput,
  ): Promise<Appointment> {
    const { appointmentId, version, ...changes } = input;
    return this.appointments.update(principal, appointmentId, version, changes);
  }
}

/**
 * The diagnostic, plan and appointments of a file, resolved from the file a query opened: one
 * SQL statement each, redacted by the viewer decided there.
 */
@Authenticated()
@Resolver(() => Person)
export class PlanFileResolver {
  constructor(
    private readonly obstacleService: ObstacleService,
    private readonly plans: PlanService,
    private readonly appointmentService: AppointmentService,
  ) {}

  @ResolveField(() => [Obstacle], {
    description: 'Freins périphériques in the order of the themes; sensitive ones redacted.',
  })
  obstacles(@Parent() person: PersonFileView): Promise<Obstacle[]> {
    return this.obstacleService.obstacles(person.scope);
  }

  @ResolveField(() => [Contract], { description: 'The latest first.' })
  contracts(@Parent() person: PersonFileView): Promise<Contract[]> {
    return this.plans.contracts(person.scope);
  }

  @ResolveField(() => [Goal], { description: 'In the order they were set.' })
  goals(@Parent() person: PersonFileView): Promise<Goal[]> {
    return this.plans.goals(person.scope);
  }

  @ResolveField(() => [PlanAction], {
    description: 'In the order they were planned; sensitive ones redacted.',
  })
  actions(@Parent() person: PersonFileView): Promise<PlanAction[]> {
    return this.plans.actions(person.scope);
  }

  @ResolveField(() => [Appointment], {
    description: 'The latest first; with upcomingOnly, those to come, the next one first.',
  })
  appointments(
    @Parent() person: PersonFileView,
    @Args() args: AppointmentsArgs,
  ): Promise<Appointment[]> {
    return this.appointmentService.appointments(person.scope, args.upcomingOnly);
  }
}
