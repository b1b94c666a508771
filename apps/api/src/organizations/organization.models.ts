import { Field, ID, ObjectType } from '@nestjs/graphql';
import { StructureType } from '@relais/organizations';
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

  @Field(() => String, {
    nullable: true,
    description:
      "Code de la structure dans les fichiers du département, donné par l'import en masse.",
  })
  externalId!: string | null;

  @Field(() => String, { nullable: true, description: '14 digits (SIRET), checked by its key.' })
  siret!: string | null;

  @Field(() => String, { nullable: true })
  addressLine!: string | null;

  @Field(() => String, { nullable: true })
  postalCode!: string | null;

  @Field(() => String, { nullable: true })
  city!: string | null;
}
