import { Field, ID, ObjectType } from '@nestjs/graphql';
import { AccountStatus, Role } from '@relais/identity';
import { StructureType } from '@relais/organizations';
import './identity.enums.js';

@ObjectType({ description: 'A territory (département) where Relais is deployed.' })
export class TerritorySummary {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'Code of the département: 01..95, 2A, 2B, 971..976.' })
  code!: string;

  @Field()
  name!: string;
}

@ObjectType({ description: 'A structure, as a membership names it.' })
export class StructureSummary {
  @Field(() => ID)
  id!: string;

  @Field(() => StructureType)
  type!: StructureType;

  @Field()
  name!: string;

  @Field(() => ID)
  territoryId!: string;
}

@ObjectType({ description: 'A rattachement: what the account may do, and where.' })
export class Membership {
  @Field(() => ID)
  id!: string;

  @Field(() => Role)
  role!: Role;

  @Field(() => StructureSummary, {
    nullable: true,
    description: 'None for territory and platform admins.',
  })
  structure!: StructureSummary | null;

  @Field(() => TerritorySummary, { nullable: true, description: 'None for platform admins.' })
  territory!: TerritorySummary | null;

  @Field()
  createdAt!: Date;
}

@ObjectType({ description: 'Someone who signs in (compte).' })
export class Account {
  @Field(() => ID)
  id!: string;

  @Field()
  email!: string;

  @Field()
  givenName!: string;

  @Field()
  familyName!: string;

  @Field(() => AccountStatus)
  status!: AccountStatus;

  @Field(() => [Membership], { description: 'Active memberships, oldest first.' })
  memberships!: Membership[];
}
