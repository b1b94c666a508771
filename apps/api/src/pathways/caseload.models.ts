import { Field, GraphQLISODateTime, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ContractType, OrientationType, TeamRole } from '@relais/pathways';
import { CaseloadSortField, SortDirection } from '@relais/read-models';
import { PageInfo } from '../graphql/connection.js';
import './pathway.enums.graphql.js';
import { PersonSummary } from './person.models.js';

registerEnumType(CaseloadSortField, {
  name: 'CaseloadSortField',
  description:
    'NAME: nom de famille puis prénom. LAST_ACTIVITY: dernière activité. CONTRACT_END: fin du contrat en cours (sans fin en dernier). NEXT_APPOINTMENT: prochain rendez-vous (sans rendez-vous en dernier).',
});
registerEnumType(SortDirection, { name: 'SortDirection', description: 'ASC or DESC.' });

@ObjectType({ description: 'One person of your caseload.' })
export class CaseloadEntry {
  @Field(() => PersonSummary)
  person!: PersonSummary;

  @Field(() => TeamRole)
  myRole!: TeamRole;

  @Field(() => OrientationType, { nullable: true })
  orientationType!: OrientationType | null;

  @Field(() => GraphQLISODateTime)
  lastActivityAt!: Date;

  @Field(() => String, { nullable: true, description: 'The active referent’s name.' })
  referentName!: string | null;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'The next planned appointment, if any.',
  })
  nextAppointmentAt!: Date | null;

  @Field(() => Int, { description: 'Goals in progress.' })
  openGoals!: number;

  @Field(() => ContractType, {
    nullable: true,
    description: 'The current contract (the one that started last), if any.',
  })
  contractType!: ContractType | null;

  @Field(() => String, {
    nullable: true,
    description: 'The current contract’s end (YYYY-MM-DD); null without a contract or an end.',
  })
  contractEndsOn!: string | null;

  @Field(() => Int, { description: 'Actions past their due date and neither done nor dropped.' })
  overdueActions!: number;

  @Field({ description: 'A handover is proposed and not yet answered.' })
  openHandover!: boolean;
}

@ObjectType()
export class CaseloadEdge {
  @Field(() => CaseloadEntry)
  node!: CaseloadEntry;

  @Field()
  cursor!: string;
}

@ObjectType({ description: 'A page of your caseload, with how many people the filter keeps.' })
export class CaseloadConnection {
  @Field(() => [CaseloadEdge])
  edges!: CaseloadEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int, { description: 'Everyone the filter keeps, on all pages.' })
  totalCount!: number;
}
