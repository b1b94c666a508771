import { ArgsType, Field, ObjectType, registerEnumType } from '@nestjs/graphql';
import { EmailMode } from '@relais/notifications';
import { IsEnum } from 'class-validator';

/** The categories of emails, as GraphQL names them (INVITATION is listed but cannot be changed). */
export enum EmailCategoryValue {
  INVITATION = 'INVITATION',
  HANDOVERS = 'HANDOVERS',
  ORIENTATIONS = 'ORIENTATIONS',
  JOIN_REQUESTS = 'JOIN_REQUESTS',
  RIGHTS_REQUESTS = 'RIGHTS_REQUESTS',
  CASELOAD = 'CASELOAD',
  DIGEST = 'DIGEST',
}

registerEnumType(EmailCategoryValue, {
  name: 'EmailCategory',
  description: 'A category of emails an account receives.',
  valuesMap: {
    INVITATION: { description: 'Invitations: always sent, not configurable.' },
    HANDOVERS: { description: 'Transferts: proposed to you, or the outcome of yours.' },
    ORIENTATIONS: { description: 'Decisions on your orientation requests.' },
    JOIN_REQUESTS: { description: 'Requests to join a team, and their answers.' },
    RIGHTS_REQUESTS: {
      description: 'Requests of the people you are referent of about their rights, to answer.',
    },
    CASELOAD: { description: 'People entering your caseload.' },
    DIGEST: { description: 'The daily digest itself.' },
  },
});

registerEnumType(EmailMode, {
  name: 'EmailMode',
  description: 'When emails of a category are sent.',
  valuesMap: {
    IMMEDIATE: { description: 'Immédiatement: one email per event.' },
    DIGEST: { description: 'Dans le récapitulatif quotidien.' },
    NEVER: { description: 'Jamais.' },
  },
});

@ObjectType({ description: 'What you receive by email for one category.' })
export class EmailPreference {
  @Field(() => EmailCategoryValue)
  category!: EmailCategoryValue;

  @Field({ description: 'The category as the interface names it, in French.' })
  label!: string;

  @Field(() => EmailMode, { description: 'The mode that applies: your choice, or the default.' })
  mode!: EmailMode;

  @Field({ description: 'True when you never chose: the default applies.' })
  isDefault!: boolean;
}

@ArgsType()
export class SetEmailPreferenceArgs {
  @Field(() => EmailCategoryValue)
  @IsEnum(EmailCategoryValue)
  category!: EmailCategoryValue;

  @Field(() => EmailMode)
  @IsEnum(EmailMode)
  mode!: EmailMode;
}
