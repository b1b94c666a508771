import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Role } from '@relais/identity';
import { connectionOf } from '../graphql/connection.js';
import { AccountFields } from '../identity/account.model.js';
import '../identity/identity.enums.js';

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
export class AdminAccount extends AccountFields {}

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
