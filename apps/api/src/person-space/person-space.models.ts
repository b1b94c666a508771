import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import { StructureType } from '@relais/organizations';
import { TeamRole } from '@relais/pathways';

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

@ObjectType({ description: 'The personal space of the person signed in: their own file only.' })
export class MySpace {
  @Field(() => ID)
  personId!: string;

  @Field(() => [SpaceProfessional], {
    description: 'Who follows them: their referent first, then their team.',
  })
  followers!: readonly SpaceProfessional[];
}
