import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import { connectionOf } from '../graphql/connection.js';
import { AdminAccount, AdminMembership } from './admin.models.js';

@ObjectType({
  description:
    'An invitation as the admins of its place see it: who was invited into which membership, by whom, when, and whether they came.',
})
export class AdminInvitation {
  @Field(() => ID)
  id!: string;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;

  @Field(() => AdminAccount, { description: 'The invitee.' })
  account!: AdminAccount;

  @Field(() => AdminMembership, { description: 'The membership the invitation granted.' })
  membership!: AdminMembership;

  @Field(() => ID, { description: 'The account of the admin who invited.' })
  invitedByAccountId!: string;

  @Field(() => ID, { description: 'The membership the admin invited as.' })
  invitedByMembershipId!: string;

  @Field({ description: 'The invitee has signed in through the sign-in provider at least once.' })
  accepted!: boolean;
}

@ObjectType({ description: 'A membership with its account, as the admins of its place list it.' })
export class MembershipWithAccount extends AdminMembership {
  @Field(() => GraphQLISODateTime)
  createdAt!: Date;

  @Field(() => AdminAccount)
  account!: AdminAccount;
}

export const AdminInvitationConnection = connectionOf(AdminInvitation, 'AdminInvitation');
export const MembershipWithAccountConnection = connectionOf(
  MembershipWithAccount,
  'MembershipWithAccount',
);
