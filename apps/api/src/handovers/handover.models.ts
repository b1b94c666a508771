import { Field, GraphQLISODateTime, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import {
  HandoverDirection,
  HandoverPreviewPart,
  HandoverStatus,
  OrientationRequestStatus,
} from '@relais/handovers';
import { OrientationType } from '@relais/pathways';
import { connectionOf } from '../graphql/connection.js';
import { PersonSummary, StructureRef } from '../pathways/person.models.js';
import { HandoverSummary } from './handover-preview.models.js';

registerEnumType(HandoverStatus, {
  name: 'HandoverStatus',
  description: 'Où en est un passage de relais.',
  valuesMap: {
    PROPOSED: { description: 'Proposé: waiting for the target structure’s answer (15 days).' },
    ACCEPTED: { description: 'Accepté: the new referent follows the person.' },
    DECLINED: { description: 'Refusé by the target structure, with a reason.' },
    CANCELLED: { description: 'Annulé by the proposer or the referent.' },
    EXPIRED: { description: 'Expiré: not answered in 15 days.' },
  },
});

registerEnumType(OrientationRequestStatus, {
  name: 'OrientationRequestStatus',
  description: 'Où en est une demande de (ré)orientation.',
  valuesMap: {
    PENDING: { description: 'En attente de la décision du chargé d’orientation.' },
    ACCEPTED: { description: 'Acceptée: a handover to the chosen structure was proposed.' },
    DENIED: { description: 'Refusée, with a reason.' },
  },
});

registerEnumType(HandoverDirection, {
  name: 'HandoverDirection',
  description: 'Which side of a handover your structures are on.',
  valuesMap: {
    INCOMING: {
      description:
        'Reçus: addressed to one of your structures (orientation managers: all of their territory).',
    },
    OUTGOING: { description: 'Envoyés: from one of your structures, or proposed by you.' },
  },
});

@ObjectType({ description: 'An account, as a handover names it.' })
export class AccountRef {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'Given and family names.' })
  name!: string;
}

@ObjectType({
  description:
    'A passage de relais: the transfer of a person to another structure and referent. Shown to its parties only.',
})
export class Handover {
  @Field(() => ID)
  id!: string;

  @Field(() => PersonSummary)
  person!: PersonSummary;

  @Field(() => HandoverStatus)
  status!: HandoverStatus;

  @Field(() => StructureRef, {
    nullable: true,
    description: 'The referent’s structure when proposed; none if the person had no referent.',
  })
  fromStructure!: StructureRef | null;

  @Field(() => AccountRef, { nullable: true, description: 'The referent when proposed.' })
  fromReferent!: AccountRef | null;

  @Field(() => StructureRef)
  toStructure!: StructureRef;

  @Field(() => AccountRef, {
    nullable: true,
    description: 'The professional proposed as new referent, if named.',
  })
  toAccount!: AccountRef | null;

  @Field(() => AccountRef)
  proposedBy!: AccountRef;

  @Field({ description: 'Why the person is handed over.' })
  reason!: string;

  @Field(() => HandoverSummary, { description: 'The proposer’s summary, for the parties.' })
  summary!: HandoverSummary;

  @Field(() => [HandoverPreviewPart], {
    description: 'The parts of the file the target structure may preview while it is proposed.',
  })
  previewParts!: readonly HandoverPreviewPart[];

  @Field({ description: 'The person was told of the handover.' })
  personInformed!: boolean;

  @Field(() => ID, {
    nullable: true,
    description: 'The orientation request it came from, if any.',
  })
  orientationRequestId!: string | null;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;

  @Field(() => GraphQLISODateTime, { description: 'Unanswered by then, it expires.' })
  expiresAt!: Date;

  @Field(() => GraphQLISODateTime, { nullable: true })
  decidedAt!: Date | null;

  @Field(() => AccountRef, {
    nullable: true,
    description: 'Who accepted, declined or cancelled it.',
  })
  decidedBy!: AccountRef | null;

  @Field(() => String, { nullable: true })
  declineReason!: string | null;

  @Field(() => AccountRef, { nullable: true, description: 'The referent named on acceptance.' })
  newReferent!: AccountRef | null;
}

@ObjectType({ description: 'A referent’s request for a (re)orientation.' })
export class OrientationRequest {
  @Field(() => ID)
  id!: string;

  @Field(() => PersonSummary)
  person!: PersonSummary;

  @Field(() => AccountRef)
  requestedBy!: AccountRef;

  @Field(() => StructureRef, { nullable: true, description: 'The referent’s structure.' })
  requesterStructure!: StructureRef | null;

  @Field(() => OrientationType, { description: 'The orientation asked for.' })
  orientationType!: OrientationType;

  @Field()
  reason!: string;

  @Field(() => OrientationRequestStatus)
  status!: OrientationRequestStatus;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;

  @Field(() => GraphQLISODateTime, { nullable: true })
  decidedAt!: Date | null;

  @Field(() => String, { nullable: true })
  decisionReason!: string | null;

  @Field(() => StructureRef, { nullable: true, description: 'The structure chosen on accepting.' })
  targetStructure!: StructureRef | null;

  @Field(() => ID, { nullable: true, description: 'The handover an acceptance proposed.' })
  handoverId!: string | null;
}

export const HandoverConnection = connectionOf(Handover, 'Handover');
export const OrientationRequestConnection = connectionOf(OrientationRequest, 'OrientationRequest');
