import { Field, GraphQLISODateTime, ID, InputType, ObjectType } from '@nestjs/graphql';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
} from 'class-validator';
import { API_SCOPES } from '@relais/identity';

@ObjectType({ description: 'A partner system allowed to call the API with client credentials.' })
export class ApiClient {
  @Field(() => ID, { description: 'The client_id for POST /auth/token.' })
  id!: string;

  @Field()
  name!: string;

  @Field(() => ID)
  territoryId!: string;

  @Field(() => ID, {
    nullable: true,
    description: 'Set when the client is limited to one structure.',
  })
  structureId!: string | null;

  @Field(() => [String], { description: `Among: ${API_SCOPES.join(', ')}.` })
  scopes!: string[];

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;

  @Field(() => GraphQLISODateTime)
  secretRotatedAt!: Date;

  @Field(() => GraphQLISODateTime, { nullable: true })
  revokedAt!: Date | null;
}

@ObjectType({ description: 'A client and its secret. The secret is shown this once: keep it now.' })
export class ApiClientCredentials {
  @Field(() => ApiClient)
  client!: ApiClient;

  @Field()
  clientSecret!: string;
}

@InputType()
export class CreateApiClientInput {
  @Field()
  @IsString()
  @MinLength(2)
  @MaxLength(120)
  name!: string;

  @Field(() => ID)
  @IsUUID('all', { message: 'territoryId must be an id' })
  territoryId!: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'structureId must be an id' })
  structureId?: string | null;

  @Field(() => [String])
  @ArrayMinSize(1)
  @ArrayMaxSize(API_SCOPES.length)
  @IsIn(API_SCOPES, { each: true, message: `scopes must be among: ${API_SCOPES.join(', ')}` })
  scopes!: string[];
}
