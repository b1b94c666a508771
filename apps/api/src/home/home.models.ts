import { Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { PersonSummary } from '../pathways/person.models.js';

@ObjectType({
  description:
    'One thing to do on the home. A redacted item (a person you may no longer read) is counted, never described: only its id and date.',
})
export class WorkItem {
  @Field(() => ID, {
    description: 'The handover, request, action, contract or appointment.',
  })
  id!: string;

  @Field()
  redacted!: boolean;

  @Field(() => PersonSummary, { nullable: true })
  person!: PersonSummary | null;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'When it was proposed or asked, or when the appointment starts.',
  })
  at!: Date | null;

  @Field(() => String, {
    nullable: true,
    description: 'The due date of an action, the end date of a contract (YYYY-MM-DD).',
  })
  on!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'An action’s title, a contract’s type (CER, PPAE…), an orientation’s type, whom an appointment is with.',
  })
  label!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The structure a handover or a request comes from.',
  })
  structureName!: string | null;

  @Field(() => String, { nullable: true, description: 'Who proposed or asked.' })
  actorName!: string | null;
}

@ObjectType({ description: 'A section of the home: how many, and the first few.' })
export class WorkSection {
  @Field(() => Int)
  count!: number;

  @Field(() => [WorkItem], { description: 'The oldest or most urgent first (at most 5).' })
  items!: WorkItem[];
}

const SECTION = (description: string) => ({
  nullable: true,
  description: `${description} Null when it is not your work (no role for it).`,
});

@ObjectType({ description: 'What waits on you ("À traiter"), section by section.' })
export class WorkQueue {
  @Field(() => WorkSection, {
    ...SECTION(
      'Handovers proposed to a structure you administer, or naming you, waiting for an answer.',
    ),
  })
  incomingHandovers!: WorkSection | null;

  @Field(() => WorkSection, {
    ...SECTION(
      'People oriented to a structure you administer who wait there for a referent (structure admins).',
    ),
  })
  unassignedPeople!: WorkSection | null;

  @Field(() => WorkSection, {
    ...SECTION(
      'Requests to join a team you decide: as referent, admin of the referent’s structure or orientation manager.',
    ),
  })
  joinRequests!: WorkSection | null;

  @Field(() => WorkSection, {
    ...SECTION('Orientation requests of the territories you manage orientations for.'),
  })
  orientationRequests!: WorkSection | null;

  @Field(() => WorkSection, {
    ...SECTION(
      'Actions past their due date, planned or in progress, in files you are referent of.',
    ),
  })
  overdueActions!: WorkSection | null;

  @Field(() => WorkSection, {
    ...SECTION('Current contracts that ended or end within 30 days, in files you are referent of.'),
  })
  endingContracts!: WorkSection | null;

  @Field(() => WorkSection, {
    ...SECTION(
      'Planned appointments today and tomorrow (Paris time): yours, or in files you are referent of.',
    ),
  })
  appointments!: WorkSection | null;

  @Field(() => WorkSection, {
    ...SECTION(
      'Pending requests of people about their rights (RGPD), in files you are referent of, the soonest due first.',
    ),
  })
  rightsRequests!: WorkSection | null;

  @Field(() => Int)
  unreadNotificationCount!: number;
}
