import { Field, GraphQLISODateTime, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { StructureType } from '@relais/organizations';
import { ActionStatus, ContractType, GoalStatus, TeamRole } from '@relais/pathways';
import { SpaceFileReadKind } from '@relais/person-space';
import '../pathways/pathway.enums.graphql.js';

registerEnumType(SpaceFileReadKind, {
  name: 'SpaceFileReadKind',
  description: 'What a professional or a partner system did with the person’s file.',
  valuesMap: {
    READ: { description: 'A professional opened the file.' },
    CHANGE: { description: 'A professional changed it.' },
    EXPORT: { description: 'It was exported (RGPD export, or a caseload with the person’s name).' },
    PARTNER: { description: 'A partner system read it.' },
  },
});

@ObjectType({ description: 'A person’s personal space, as their team sees it.' })
export class PersonSpace {
  @Field(() => ID)
  personId!: string;

  @Field({ description: 'The address the person gave: links and codes go there.' })
  email!: string;

  @Field()
  enabled!: boolean;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'When the link just sent stops working (7 days); null once revoked.',
  })
  linkExpiresAt!: Date | null;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'When the space was enabled (its latest invitation); read on Person.space.',
  })
  enabledAt?: Date | null;
}

@ObjectType({ description: 'A professional who follows the person, and how to reach them.' })
export class SpaceProfessional {
  @Field()
  givenName!: string;

  @Field()
  familyName!: string;

  @Field(() => TeamRole, { description: 'REFERENT: their referent; FOLLOWER: another member.' })
  role!: TeamRole;

  @Field()
  structureName!: string;

  @Field(() => StructureType)
  structureType!: StructureType;

  @Field(() => String, { nullable: true, description: 'Their professional email.' })
  workEmail!: string | null;

  @Field(() => String, { nullable: true, description: 'Their professional phone.' })
  workPhone!: string | null;
}

@ObjectType({ description: 'A goal of the person’s plan.' })
export class SpaceGoal {
  @Field(() => ID)
  id!: string;

  @Field()
  title!: string;

  @Field(() => GoalStatus)
  status!: GoalStatus;
}

@ObjectType({ description: 'An action of the person’s plan, with its state and dates.' })
export class SpaceAction {
  @Field(() => ID)
  id!: string;

  @Field()
  title!: string;

  @Field(() => ActionStatus)
  status!: ActionStatus;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  startsOn!: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  dueOn!: string | null;

  @Field(() => ID, { nullable: true, description: 'The goal it serves, if any.' })
  goalId!: string | null;
}

@ObjectType({ description: 'A contract of the person (a CER, a PPAE…) and its dates.' })
export class SpaceContract {
  @Field(() => ContractType)
  type!: ContractType;

  @Field({ description: 'YYYY-MM-DD' })
  startsOn!: string;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD; null when open-ended.' })
  endsOn!: string | null;
}

@ObjectType({
  description:
    'The person’s plan as they read it: as their RGPD export shows it, sensitive actions included.',
})
export class SpacePlan {
  @Field(() => String, {
    nullable: true,
    description: 'Their professional project: the job sought.',
  })
  targetJob!: string | null;

  @Field(() => [SpaceGoal])
  goals!: readonly SpaceGoal[];

  @Field(() => [SpaceAction])
  actions!: readonly SpaceAction[];

  @Field(() => [SpaceContract])
  contracts!: readonly SpaceContract[];
}

@ObjectType({ description: 'The person’s settings of their space.' })
export class SpaceSettings {
  @Field({ description: 'The address their sign-in codes go to.' })
  email!: string;
}

@ObjectType({ description: 'One read or change of the person’s file by someone else.' })
export class SpaceFileRead {
  @Field(() => GraphQLISODateTime)
  at!: Date;

  @Field(() => SpaceFileReadKind)
  kind!: SpaceFileReadKind;

  @Field({ description: 'The professional’s name, or the partner system’s.' })
  who!: string;

  @Field(() => String, { nullable: true, description: 'The professional’s structure.' })
  structureName!: string | null;
}

@ObjectType({ description: 'A page of who read the person’s file, newest first.' })
export class SpaceFileReadPage {
  @Field(() => [SpaceFileRead])
  items!: readonly SpaceFileRead[];

  @Field(() => String, { nullable: true, description: 'The next page’s `after`; null at the end.' })
  nextCursor!: string | null;
}

@ObjectType({ description: 'The personal space of the person signed in: their own file only.' })
export class MySpace {
  @Field(() => ID)
  personId!: string;

  @Field()
  givenName!: string;

  @Field(() => SpacePlan)
  plan!: SpacePlan;

  @Field(() => SpaceSettings)
  space!: SpaceSettings;

  @Field(() => [SpaceProfessional], {
    description: 'Who follows them: their referent first, then their team.',
  })
  followers!: readonly SpaceProfessional[];
}
