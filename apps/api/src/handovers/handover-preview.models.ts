import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { HandoverPreviewPart } from '@relais/handovers';
import {
  ActionStatus,
  ContractSought,
  ContractType,
  GoalStatus,
  ObstacleStatus,
  ObstacleTheme,
} from '@relais/pathways';

registerEnumType(HandoverPreviewPart, {
  name: 'HandoverPreviewPart',
  description:
    'A part of the file a handover’s proposer lets the target structure preview before accepting.',
  valuesMap: {
    PROJECT: { description: 'Projet professionnel: métier visé, ROME, mobilité, contrats.' },
    PLAN: {
      description: 'Plan: objectifs et actions (sans les actions liées à un frein sensible).',
    },
    CONTRACT: { description: 'Contrats (CER, PPAE, CEJ, PACEA...) et leurs dates.' },
    OBSTACLES: { description: 'Freins non sensibles (jamais santé, handicap, justice).' },
  },
});

@ObjectType({ description: 'The proposer’s summary for the receiving structure.' })
export class HandoverSummary {
  @Field(() => String, { nullable: true, description: 'La situation de la personne.' })
  situation!: string | null;

  @Field(() => String, { nullable: true, description: 'Ce qui a été fait.' })
  done!: string | null;

  @Field(() => String, { nullable: true, description: 'Ce qui est attendu.' })
  expected!: string | null;
}

@ObjectType('HandoverPreviewProject')
export class PreviewProjectModel {
  @Field(() => String, { nullable: true })
  targetJob!: string | null;

  @Field(() => String, { nullable: true })
  romeCode!: string | null;

  @Field(() => Int, { nullable: true })
  mobilityRadiusKm!: number | null;

  @Field(() => [ContractSought])
  contractsSought!: ContractSought[];
}

@ObjectType('HandoverPreviewGoal')
export class PreviewGoalModel {
  @Field()
  title!: string;

  @Field(() => GoalStatus)
  status!: GoalStatus;
}

@ObjectType('HandoverPreviewAction')
export class PreviewActionModel {
  @Field()
  title!: string;

  @Field(() => ActionStatus)
  status!: ActionStatus;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  dueOn!: string | null;
}

@ObjectType('HandoverPreviewPlan')
export class PreviewPlanModel {
  @Field(() => [PreviewGoalModel])
  goals!: PreviewGoalModel[];

  @Field(() => [PreviewActionModel], {
    description: 'Actions serving a sensitive obstacle are left out.',
  })
  actions!: PreviewActionModel[];
}

@ObjectType('HandoverPreviewContract')
export class PreviewContractModel {
  @Field(() => ContractType)
  type!: ContractType;

  @Field({ description: 'YYYY-MM-DD' })
  startsOn!: string;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  endsOn!: string | null;
}

@ObjectType('HandoverPreviewObstacle')
export class PreviewObstacleModel {
  @Field(() => ObstacleTheme)
  theme!: ObstacleTheme;

  @Field(() => ObstacleStatus)
  status!: ObstacleStatus;

  @Field(() => String, { nullable: true })
  comment!: string | null;
}

@ObjectType({
  description:
    'The parts of the file the proposer chose to show the target structure, while the handover is proposed. Null for a part not chosen. Each read is in the access log (HANDOVER_PREVIEW).',
})
export class HandoverPreview {
  @Field(() => PreviewProjectModel, { nullable: true })
  project!: PreviewProjectModel | null;

  @Field(() => PreviewPlanModel, { nullable: true })
  plan!: PreviewPlanModel | null;

  @Field(() => [PreviewContractModel], { nullable: true })
  contracts!: PreviewContractModel[] | null;

  @Field(() => [PreviewObstacleModel], { nullable: true, description: 'Non-sensitive only.' })
  obstacles!: PreviewObstacleModel[] | null;
}
