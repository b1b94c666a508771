import { Field, ID, ObjectType } from '@nestjs/graphql';
import { AccountStatus, Role } from '@relais/identity';
import { Structure, Territory } from '../organizations/organization.models.js';
import './identity.enums.js';

@ObjectType({ description: 'A rattachement: what the account may do, and where.' })
export class Membership {
  @Field(() => ID)
  id!: string;

  @Field(() => Role)
  role!: Role;

  @Field(() => Structure, {
    nullable: true,
    description: 'None for territory and platform admins.',
  })
  structure!: Structure | null;

  @Field(() => Territory, { nullable: true, description: 'None for platform admins.' })
  territory!: Territory | null;

  @Field()
  createdAt!: Date;
}

/** What any view of an account shows: who it is and whether it may sign in. */
@ObjectType({ isAbstract: true })
export class AccountFields {
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

@ObjectType({ description: 'Someone who signs in (compte).' })
export class Account extends AccountFields {
  @Field(() => String, {
    nullable: true,
    description: 'Work phone, set by the professional; shown in the teams they are part of.',
  })
  workPhone!: string | null;

  @Field(() => [Membership], { description: 'Active memberships, oldest first.' })
  memberships!: Membership[];
}
