import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { AccountStatus, Role } from '@relais/identity';
import { StructureType } from '@relais/organizations';
import { connectionOf } from '../graphql/connection.js';
import '../identity/identity.enums.js';

@ObjectType({ description: 'A territory (département) where Relais is deployed.' })
export class Territory {
  @Field(() => ID)
  id!: string;

  @Field({ description: '01..95, 2A, 2B, 971..976.' })
  code!: string;

  @Field()
  name!: string;
}

@ObjectType({ description: 'A body that follows people (structure).' })
export class Structure {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  territoryId!: string;

  @Field(() => StructureType)
  type!: StructureType;

  @Field()
  name!: string;

  @Field(() => String, { nullable: true, description: '14 digits (SIRET), checked by its key.' })
  siret!: string | null;

  @Field(() => String, { nullable: true })
  addressLine!: string | null;

  @Field(() => String, { nullable: true })
  postalCode!: string | null;

  @Field(() => String, { nullable: true })
  city!: string | null;
}

@ObjectType({ description: 'A membership as admins see it.' })
export class AdminMembership {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  accountId!: string;

  @Field(() => Role)
  role!: Role;

  @Field(() => ID, { nullable: true })
  structureId!: string | null;

  @Field(() => ID, { nullable: true })
  territoryId!: string | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  revokedAt!: Date | null;
}

@ObjectType({ description: 'An invitation: the account, the membership granted, and when.' })
export class Invitation {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  accountId!: string;

  @Field()
  email!: string;

  @Field(() => AdminMembership)
  membership!: AdminMembership;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;
}

@ObjectType({ description: 'An account as admins see it.' })
export class AdminAccount {
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
}

@ObjectType({ description: 'One admin change: who, as which membership, what, before and after.' })
export class AdminAuditEvent {
  @Field(() => ID)
  id!: string;

  @Field(() => GraphQLISODateTime)
  occurredAt!: Date;

  @Field(() => ID)
  actorAccountId!: string;

  @Field(() => ID)
  actorMembershipId!: string;

  @Field()
  action!: string;

  @Field()
  subjectType!: string;

  @Field(() => ID)
  subjectId!: string;

  @Field(() => GraphQLJSONObject, { nullable: true })
  before!: Record<string, unknown> | null;

  @Field(() => GraphQLJSONObject, { nullable: true })
  after!: Record<string, unknown> | null;
}

export const AdminAuditEventConnection = connectionOf(AdminAuditEvent, 'AdminAuditEvent');
