import { Field, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { type EmailKind, EmailDeliveryStatus } from '@relais/notifications';
import { connectionOf } from '../graphql/connection.js';

registerEnumType(EmailDeliveryStatus, {
  name: 'EmailDeliveryStatus',
  description: 'Where an email stands.',
  valuesMap: {
    PENDING: { description: 'Queued, not tried yet.' },
    SENT: { description: 'Accepted by the SMTP server.' },
    DEFERRED: { description: 'Refused for now (server unreachable, 4xx): tried again later.' },
    FAILED: { description: 'Given up: refused for good (5xx), out of attempts, or not sent.' },
  },
});

/** The templates, as GraphQL names them; `satisfies` keeps the list equal to the templates'. */
export const EmailKindValue = {
  INVITATION: 'INVITATION',
  APPOINTMENT_REMINDER: 'APPOINTMENT_REMINDER',
  HANDOVER_PROPOSED: 'HANDOVER_PROPOSED',
  HANDOVER_ANSWERED: 'HANDOVER_ANSWERED',
  ORIENTATION_DECIDED: 'ORIENTATION_DECIDED',
  JOIN_REQUESTED: 'JOIN_REQUESTED',
  JOIN_DECIDED: 'JOIN_DECIDED',
  CASELOAD_ENTERED: 'CASELOAD_ENTERED',
  DAILY_DIGEST: 'DAILY_DIGEST',
  PERSON_SPACE_INVITATION: 'PERSON_SPACE_INVITATION',
  PERSON_SIGN_IN_CODE: 'PERSON_SIGN_IN_CODE',
  RIGHTS_REQUESTED: 'RIGHTS_REQUESTED',
  RIGHTS_REQUEST_ANSWERED: 'RIGHTS_REQUEST_ANSWERED',
} as const satisfies { readonly [K in EmailKind]: K };

registerEnumType(EmailKindValue, {
  name: 'EmailKind',
  description: 'What an email tells (its template).',
  valuesMap: {
    INVITATION: { description: 'An invitation to sign in to Relais.' },
    APPOINTMENT_REMINDER: {
      description: 'An appointment reminder to a followed person (never listed to admins).',
    },
    HANDOVER_PROPOSED: { description: 'A transfer proposed to the recipient.' },
    HANDOVER_ANSWERED: { description: 'The answer to a transfer the recipient proposed.' },
    ORIENTATION_DECIDED: { description: 'The decision on an orientation request.' },
    JOIN_REQUESTED: { description: 'A request to join a team.' },
    JOIN_DECIDED: { description: 'The answer to a request to join a team.' },
    CASELOAD_ENTERED: { description: 'A person entering the recipient’s caseload.' },
    DAILY_DIGEST: { description: 'The daily digest.' },
    PERSON_SPACE_INVITATION: {
      description:
        'A followed person’s one-time link to their personal space (never listed to admins).',
    },
    PERSON_SIGN_IN_CODE: {
      description:
        'A code for a followed person to sign in to their space (never listed to admins).',
    },
    RIGHTS_REQUESTED: { description: 'A followed person’s request about their rights, to answer.' },
    RIGHTS_REQUEST_ANSWERED: {
      description: 'Tells a followed person their request was answered (never listed to admins).',
    },
  },
});

@ObjectType({ description: 'Who an email went to: the account, and the address used.' })
export class EmailRecipient {
  @Field(() => ID)
  accountId!: string;

  @Field()
  givenName!: string;

  @Field()
  familyName!: string;

  @Field({ description: 'The address it was sent to (the account’s when it was queued).' })
  address!: string;
}

@ObjectType({
  description:
    'One email of the delivery log: to whom, what kind, where it stands and why. Never its content.',
})
export class EmailDelivery {
  @Field(() => ID)
  id!: string;

  @Field(() => EmailRecipient)
  recipient!: EmailRecipient;

  @Field(() => EmailKindValue)
  kind!: EmailKind;

  @Field(() => EmailDeliveryStatus)
  status!: EmailDeliveryStatus;

  @Field(() => Int, { description: 'Attempts made so far.' })
  attempts!: number;

  @Field(() => String, {
    nullable: true,
    description: 'Why the last attempt failed: the SMTP server’s answer, or why it was not sent.',
  })
  lastError!: string | null;

  @Field(() => GraphQLISODateTime, { description: 'When it was queued.' })
  createdAt!: Date;

  @Field(() => GraphQLISODateTime, { nullable: true })
  sentAt!: Date | null;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'When it will be tried again (pending or deferred).',
  })
  nextAttemptAt!: Date | null;
}

export const EmailDeliveryConnection = connectionOf(EmailDelivery, 'EmailDelivery');
