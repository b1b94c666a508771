import { applyDecorators } from '@nestjs/common';
import { Field, ID, InputType } from '@nestjs/graphql';
import { IsBoolean, IsEnum, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { TEXT_MAX } from '@relais/core';
import { RightsRequestKind } from '@relais/person-space';

/** A request's or an answer's text: not blank, at most 2,000 characters (trimmed when kept). */
const RightsText = (field: string) =>
  applyDecorators(
    IsString(),
    MaxLength(TEXT_MAX.rightsRequest),
    Matches(/\S/, { message: `${field} must not be blank` }),
  );

@InputType({ description: 'What the person asks about their rights, from their space.' })
export class RequestRightInput {
  @Field(() => RightsRequestKind)
  @IsEnum(RightsRequestKind)
  kind!: RightsRequestKind;

  @Field({ description: `In the person’s words: at most ${TEXT_MAX.rightsRequest} characters.` })
  @RightsText('details')
  details!: string;
}

@InputType({ description: 'The team’s answer to a person’s request about their rights.' })
export class AnswerRightsRequestInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'requestId must be an id' })
  requestId!: string;

  @Field({ description: 'ACCEPTED when true, REFUSED when false.' })
  @IsBoolean()
  accept!: boolean;

  @Field({ description: `Told to the person: at most ${TEXT_MAX.rightsRequest} characters.` })
  @RightsText('answer')
  answer!: string;
}
